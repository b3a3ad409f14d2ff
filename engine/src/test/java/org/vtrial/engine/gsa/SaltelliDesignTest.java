package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

/** The Saltelli design: N a power of two, explicit blocks, rows from the Sobol sequence. */
class SaltelliDesignTest {

    @Test
    void refusesAnNThatIsNotAPowerOfTwoWithAClearMessage() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SaltelliDesign.of(1000, 3));
        assertTrue(e.getMessage().contains("N = 1000 is not a power of two"), e.getMessage());
        assertTrue(e.getMessage().contains("use 512 or 1024"), e.getMessage());
        assertTrue(SaltelliDesign.checkN(1).contains("out of range"));
        assertTrue(SaltelliDesign.checkN(1L << 31).contains("out of range"));
        assertEquals(null, SaltelliDesign.checkN(1 << 30));
        assertThrows(IllegalArgumentException.class, () -> SaltelliDesign.of(64, 0));
    }

    @Test
    void blocksAreAbAndAbJWithColumnJFromB() {
        final int n = 64;
        final int k = 4;
        final SaltelliDesign d = SaltelliDesign.of(n, k);
        assertEquals(n * (k + 2L), d.rows());
        final Design.Points points = d.points();
        final double[] a = new double[k];
        final double[] b = new double[k];
        final double[] ab = new double[k];
        final SobolSequenceGenerator reference = new SobolSequenceGenerator(2 * k);
        for (int base = 0; base < n; base++) {
            points.point(base, SaltelliDesign.A, a);
            points.point(base, SaltelliDesign.B, b);
            // base i is Sobol point N + i: A its first k coordinates, B the last k
            final double[] s = reference.skipTo(n + base);
            for (int j = 0; j < k; j++) {
                assertEquals(s[j], a[j]);
                assertEquals(s[k + j], b[j]);
            }
            for (int j = 0; j < k; j++) {
                points.point(base, SaltelliDesign.ab(j), ab);
                for (int c = 0; c < k; c++) {
                    assertEquals(c == j ? b[c] : a[c], ab[c], "base " + base + " AB_" + (j + 1) + " column " + c);
                }
                assertEquals(j, d.blockParameter(base, SaltelliDesign.ab(j)));
            }
        }
        assertEquals(-1, d.blockParameter(0, SaltelliDesign.A));
        assertEquals(-1, d.blockParameter(0, SaltelliDesign.B));
    }

    @Test
    void labelsRoundTripAndRowKeysAreExplicit() {
        final SaltelliDesign d = SaltelliDesign.of(8, 3);
        assertEquals("A", d.blockLabel(0));
        assertEquals("B", d.blockLabel(1));
        assertEquals("AB_1", d.blockLabel(2));
        assertEquals("AB_3", d.blockLabel(4));
        for (int block = 0; block < d.blocks(); block++) {
            assertEquals(block, d.blockIndex(d.blockLabel(block)));
        }
        assertEquals(-1, d.blockIndex("AB_4"));
        assertEquals(-1, d.blockIndex("AB_0"));
        assertEquals(-1, d.blockIndex("C"));
        for (long row = 0; row < d.rows(); row++) {
            assertEquals(row, d.row(d.baseOf(row), d.blockOf(row)));
        }
    }

    @Test
    void noCoordinateTouchesTheBoundaryOfTheUnitCube() {
        // documented property of skipping the first N points: every coordinate of points [N, 2N)
        // lies in [2^-(m+1), 1 - 2^-(m+1)]; checked on every point of a design with N = 2^10
        final int m = 10;
        final SaltelliDesign d = SaltelliDesign.of(1 << m, 5);
        final Design.Points points = d.points();
        final double[] u = new double[5];
        final double edge = Math.scalb(1.0, -(m + 1));
        for (int base = 0; base < d.bases(); base++) {
            for (int block = 0; block < d.blocks(); block++) {
                points.point(base, block, u);
                for (double x : u) {
                    assertTrue(x >= edge && x <= 1 - edge, "coordinate " + x);
                }
            }
        }
    }
}
