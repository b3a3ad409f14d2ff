package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * First-order and total Sobol' indices from a Saltelli design, per output:
 *
 * <pre>
 *   S1_j = (1/n) sum_i f(B)_i (f(AB_j)_i - f(A)_i) / V           (Saltelli et al. 2010)
 *   ST_j = (1/(2n)) sum_i (f(A)_i - f(AB_j)_i)^2 / V             (Jansen 1999)
 *   V    = variance of the 2n values f(A)_i, f(B)_i
 * </pre>
 *
 * (Saltelli et al. 2010, Comput. Phys. Commun. 181:259–270, who recommend this pair; Jansen 1999,
 * "Analysis of variance designs for model output", Comput. Phys. Commun. 117:35–43.)
 *
 * over the {@code n} usable bases (see {@link DesignOutputs#usableBases}). Outputs are first
 * centred by their mean over {@code A} and {@code B} (a constant shift leaves {@code V} and the
 * Jansen estimator unchanged and removes the mean's share of the first-order estimator's variance;
 * SALib does the same). Sums run over bases in ascending order (or in the draw order of a bootstrap
 * resample), so the results are bit-identical whatever the order the points were supplied in.
 * Intervals: percentile bootstrap over bases ({@link Bootstrap}), each resample re-estimating
 * {@code V}, {@code S1} and {@code ST} jointly.
 */
public final class SobolEstimator {

    /** Index names. */
    public static final String S1 = "S1";
    public static final String ST = "ST";

    private SobolEstimator() {
    }

    /**
     * @param outputs    the evaluated Saltelli design
     * @param o          output to analyse
     * @param name       output name
     * @param parameters parameter names, in design order
     * @param bootstrap  interval settings
     */
    public static OutputAnalysis analyse(DesignOutputs outputs, int o, String name, List<String> parameters,
                                         Bootstrap bootstrap) {
        final Design design = outputs.design();
        if (!(design instanceof SaltelliDesign)) {
            throw new IllegalArgumentException("Sobol indices need a Saltelli design, got " + design);
        }
        final int k = design.dimension();
        final int blocks = design.blocks();
        final int[] bases = outputs.usableBases(o);
        final int n = bases.length;
        // pack the usable bases contiguously, block values by key
        final double[] y = new double[n * blocks];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int block = 0; block < blocks; block++) {
                y[i * blocks + block] = outputs.value(o, bases[i], block);
            }
            sum += y[i * blocks + SaltelliDesign.A];
            sum += y[i * blocks + SaltelliDesign.B];
        }
        final double mean = n == 0 ? 0 : sum / (2.0 * n);
        for (int i = 0; i < y.length; i++) {
            y[i] -= mean;
        }
        final double[] s1 = new double[k];
        final double[] st = new double[k];
        estimate(y, n, k, null, s1, st);

        final int resamples = n >= 2 ? bootstrap.resamples() : 0;
        final double[][] bs1 = new double[k][resamples];
        final double[][] bst = new double[k][resamples];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            final double[] r1 = new double[k];
            final double[] rt = new double[k];
            estimate(y, n, k, Streams.of(bootstrap.seed(), Streams.BOOTSTRAP, b), r1, rt);
            for (int j = 0; j < k; j++) {
                bs1[j][b] = r1[j];
                bst[j][b] = rt[j];
            }
        });
        final List<IndexEstimate> estimates = new ArrayList<>(2 * k);
        for (int j = 0; j < k; j++) {
            final double[] i1 = resamples > 0 ? bootstrap.interval(bs1[j]) : new double[] {Double.NaN, Double.NaN};
            final double[] it = resamples > 0 ? bootstrap.interval(bst[j]) : new double[] {Double.NaN, Double.NaN};
            estimates.add(new IndexEstimate(parameters.get(j), S1, s1[j], i1[0], i1[1]));
            estimates.add(new IndexEstimate(parameters.get(j), ST, st[j], it[0], it[1]));
        }
        return new OutputAnalysis(name, "sobol", n, design.bases() - n, estimates);
    }

    /**
     * Estimates from packed, centred values over bases {@code 0..n-1} in order ({@code rng == null})
     * or over {@code n} bases drawn with replacement from {@code rng}. NaN when {@code n < 2} or the
     * variance is zero.
     */
    static void estimate(double[] y, int n, int k, UniformRandomProvider rng, double[] s1, double[] st) {
        final int blocks = k + 2;
        double sum = 0;
        double squares = 0;
        java.util.Arrays.fill(s1, 0);
        java.util.Arrays.fill(st, 0);
        for (int draw = 0; draw < n; draw++) {
            final int o = (rng == null ? draw : rng.nextInt(n)) * blocks;
            final double a = y[o + SaltelliDesign.A];
            final double b = y[o + SaltelliDesign.B];
            sum += a + b;
            squares += a * a + b * b;
            for (int j = 0; j < k; j++) {
                final double d = y[o + 2 + j] - a;
                s1[j] += b * d;
                st[j] += d * d;
            }
        }
        final double m = sum / (2.0 * n);
        final double v = squares / (2.0 * n) - m * m;
        for (int j = 0; j < k; j++) {
            s1[j] = n < 2 || !(v > 0) ? Double.NaN : s1[j] / n / v;
            st[j] = n < 2 || !(v > 0) ? Double.NaN : st[j] / (2.0 * n) / v;
        }
    }
}
