package org.vtrial.engine.gsa;

/**
 * The Saltelli design for first-order and total Sobol' indices (Saltelli 2002; Saltelli et al.
 * 2010, "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Comput. Phys. Commun. 181:259–270): two quasi-random matrices {@code A} and
 * {@code B} of {@code N} rows, and for each parameter {@code j} the matrix {@code AB_j}, equal to
 * {@code A} except column {@code j}, taken from {@code B}. Base point {@code i} has the {@code k + 2}
 * blocks {@code A} (block 0), {@code B} (block 1), {@code AB_1 .. AB_k} (blocks 2 .. k+1; {@code j}
 * counted from 1 in labels).
 *
 * <p>Row {@code i} of {@code [A | B]} is Sobol' point {@code N + i} of dimension {@code 2k}: the
 * first {@code N} points are skipped (as SALib does by default). The points of index
 * {@code [N, 2N)} with {@code N = 2^m} form a {@code (t, m, 2k)}-net like the first {@code N}, and
 * every coordinate has bit {@code 2^-(m+1)} set (direction number {@code m + 1} is the only one with
 * that bit and is always selected), so every coordinate lies in
 * {@code [2^-(m+1), 1 - 2^-(m+1)]}: no point on the boundary, where an unbounded inverse CDF is
 * infinite. {@code N} must be a power of two: the balance properties of a Sobol' net hold only for
 * {@code 2^m} points.
 */
public final class SaltelliDesign implements Design {

    private static final long serialVersionUID = 1L;

    /** Largest base sample size: Sobol' indices stay below {@code 2^31}. */
    public static final int MAX_N = 1 << 30;

    private final int n;
    private final int k;

    private SaltelliDesign(int n, int k) {
        this.n = n;
        this.k = k;
    }

    /**
     * @param n base sample size, a power of two in {@code [2, 2^30]}
     * @param k number of parameters, at least 1 (and {@code 2k <= 21201})
     * @throws IllegalArgumentException naming the offending value
     */
    public static SaltelliDesign of(long n, int k) {
        final String problem = checkN(n);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (k < 1 || 2 * k > 21201) {
            throw new IllegalArgumentException("a Saltelli design needs 1 to 10600 parameters, got " + k);
        }
        return new SaltelliDesign((int) n, k);
    }

    /** @return why {@code n} is not an admissible base sample size, or null when it is */
    public static String checkN(long n) {
        if (n < 2 || n > MAX_N) {
            return "N = " + n + " is out of range: a Sobol design needs N = 2^m with 1 <= m <= 30";
        }
        if (Long.bitCount(n) != 1) {
            final long below = Long.highestOneBit(n);
            return "N = " + n + " is not a power of two: a Sobol design is balanced only for N = 2^m points; use "
                    + below + " or " + 2 * below;
        }
        return null;
    }

    @Override
    public int dimension() {
        return k;
    }

    @Override
    public int bases() {
        return n;
    }

    @Override
    public int blocks() {
        return k + 2;
    }

    /** Block of {@code A}. */
    public static final int A = 0;
    /** Block of {@code B}. */
    public static final int B = 1;

    /** @return the block of {@code AB_j}, {@code j} counted from 0 */
    public static int ab(int j) {
        return 2 + j;
    }

    @Override
    public String blockLabel(int block) {
        if (block == A) {
            return "A";
        }
        if (block == B) {
            return "B";
        }
        if (block >= 2 && block < k + 2) {
            return "AB_" + (block - 1);
        }
        throw new IllegalArgumentException("no block " + block + " in a design of " + k + " parameters");
    }

    @Override
    public int blockIndex(String label) {
        if ("A".equals(label)) {
            return A;
        }
        if ("B".equals(label)) {
            return B;
        }
        if (label != null && label.startsWith("AB_")) {
            try {
                final int j = Integer.parseInt(label.substring(3));
                return j >= 1 && j <= k ? j + 1 : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public int blockParameter(int base, int block) {
        return block >= 2 ? block - 2 : -1;
    }

    @Override
    public Points points() {
        final SobolPoints sobol = new SobolPoints(2 * k);
        final double[] ab = new double[2 * k];
        return (base, block, u) -> {
            if (base < 0 || base >= n || block < 0 || block >= k + 2) {
                throw new IllegalArgumentException("no point (" + base + ", " + block + ") in this design");
            }
            sobol.point((long) n + base, ab, 0);
            if (block == B) {
                System.arraycopy(ab, k, u, 0, k);
            } else {
                System.arraycopy(ab, 0, u, 0, k);
                if (block >= 2) {
                    u[block - 2] = ab[k + block - 2];
                }
            }
        };
    }

    @Override
    public String toString() {
        return "Saltelli design N=" + n + " k=" + k;
    }
}
