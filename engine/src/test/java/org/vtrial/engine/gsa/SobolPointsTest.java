package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hipparchus.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

/** Points by index against Hipparchus' own sequence (the reference), bit for bit. */
class SobolPointsTest {

    @Test
    void pointsByIndexEqualHipparchusSequenceBitForBit() {
        for (int dim : new int[] {1, 7, 40}) {
            final SobolPoints points = new SobolPoints(dim);
            final SobolSequenceGenerator reference = new SobolSequenceGenerator(dim);
            final double[] p = new double[dim];
            for (int i = 0; i < 5000; i++) {
                points.point(i, p, 0);
                // assertArrayEquals on double[] compares with Double.equals: bit identity
                assertArrayEquals(reference.nextVector(), p, "dimension " + dim + ", index " + i);
            }
        }
    }

    @Test
    void pointsFarIntoTheSequenceEqualHipparchusSkipTo() {
        final int dim = 12;
        final SobolPoints points = new SobolPoints(dim);
        final double[] p = new double[dim];
        for (long index : new long[] {(1L << 20) + 12345, (1L << 30) + 7, SobolPoints.MAX_INDEX}) {
            points.point(index, p, 0);
            assertArrayEquals(new SobolSequenceGenerator(dim).skipTo((int) index), p, "index " + index);
        }
    }

    @Test
    void writesAtTheOffsetAndRefusesIndicesOutsideTheTable() {
        final SobolPoints points = new SobolPoints(3);
        final double[] p = new double[5];
        points.point(5, p, 2);
        assertArrayEquals(new SobolSequenceGenerator(3).skipTo(5), new double[] {p[2], p[3], p[4]});
        assertThrows(IllegalArgumentException.class, () -> points.point(-1, p, 0));
        assertThrows(IllegalArgumentException.class, () -> points.point(1L << 31, p, 0));
        assertThrows(IllegalArgumentException.class, () -> new SobolPoints(0));
    }
}
