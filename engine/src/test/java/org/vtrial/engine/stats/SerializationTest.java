package org.vtrial.engine.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;

/** Partial results travel from Spark executors to the driver by Java serialization. */
class SerializationTest {

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void accumulatorsSurviveSerializationAndKeepAccepting() throws Exception {
        final DoubleSample s = DoubleSample.of(3, 1, 2);
        final DoubleSample s2 = roundTrip(s);
        s2.accept(4);
        // 1 2 3 4: type-7 median 2.5
        assertArrayEquals(new double[] {2.5}, s2.quantiles(0.5), 0.0);
        assertEquals(0, roundTrip(DoubleSample.create()).size());

        final EventSample e = EventSample.create(2);
        e.accept(5, 1);
        e.accept(7, 0);
        final EventSample e2 = roundTrip(e);
        e2.accept(6, 2);
        final LifeTable t = e2.table();
        assertEquals(3, t.size());
        assertEquals(1, t.events(2, 1));

        final Log10Histogram h = Log10Histogram.create(10);
        h.accept(123);
        h.accept(0);
        final Log10Histogram h2 = roundTrip(h);
        h2.accept(124);
        assertEquals(2, h2.bins().get(0).count());
        assertEquals(1, h2.nonPositive());

        final Proportion p = roundTrip(Proportion.of(3, 10));
        assertEquals(0.3, p.value(), 0.0);
        final PairedBinary b = roundTrip(PairedBinary.of(1, 2, 3, 4));
        assertEquals(10, b.pairs());
    }
}
