package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Morris elementary effects per output: in each usable trajectory, the effect of parameter
 * {@code j} is {@code EE_j = (f(after) - f(before)) / (+-DELTA)}, the change of the output per unit
 * change of the parameter's probability ({@link MorrisDesign#DELTA}, signed by the direction of the
 * move). Over the {@code n} usable trajectories:
 *
 * <pre>
 *   mu_j      = mean of EE_j                                  (Morris 1991)
 *   mu_star_j = mean of |EE_j|                                (Campolongo, Cariboni & Saltelli 2007)
 *   sigma_j   = standard deviation of EE_j (divisor n - 1)    (Morris 1991)
 * </pre>
 *
 * A trajectory with one failed point is dropped whole (its effects share points). Intervals:
 * percentile bootstrap over trajectories ({@link Bootstrap}).
 */
public final class MorrisEstimator {

    /** Index names. */
    public static final String MU_STAR = "mu_star";
    public static final String MU = "mu";
    public static final String SIGMA = "sigma";

    private MorrisEstimator() {
    }

    /**
     * @param outputs    the evaluated Morris design
     * @param o          output to analyse
     * @param name       output name
     * @param parameters parameter names, in design order
     * @param bootstrap  interval settings
     */
    public static OutputAnalysis analyse(DesignOutputs outputs, int o, String name, List<String> parameters,
                                         Bootstrap bootstrap) {
        if (!(outputs.design() instanceof MorrisDesign)) {
            throw new IllegalArgumentException("elementary effects need a Morris design, got " + outputs.design());
        }
        final MorrisDesign design = (MorrisDesign) outputs.design();
        final int k = design.dimension();
        final int[] trajectories = outputs.usableBases(o);
        final int n = trajectories.length;
        // ee[i * k + j]: effect of parameter j in usable trajectory i
        final double[] ee = new double[n * k];
        for (int i = 0; i < n; i++) {
            final int t = trajectories[i];
            for (int s = 1; s <= k; s++) {
                final int j = design.blockParameter(t, s);
                final double dy = outputs.value(o, t, s) - outputs.value(o, t, s - 1);
                ee[i * k + j] = dy / (design.direction(t, j) * MorrisDesign.DELTA);
            }
        }
        final double[] point = new double[3 * k];
        final int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        statistics(ee, k, identity, point);

        final int resamples = n >= 2 ? bootstrap.resamples() : 0;
        final double[][] reps = new double[3 * k][resamples];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            final UniformRandomProvider rng = Streams.of(bootstrap.seed(), Streams.BOOTSTRAP, b);
            final int[] pick = new int[n];
            for (int i = 0; i < n; i++) {
                pick[i] = rng.nextInt(n);
            }
            final double[] r = new double[3 * k];
            statistics(ee, k, pick, r);
            for (int c = 0; c < 3 * k; c++) {
                reps[c][b] = r[c];
            }
        });
        final String[] names = {MU_STAR, MU, SIGMA};
        final List<IndexEstimate> estimates = new ArrayList<>(3 * k);
        for (int j = 0; j < k; j++) {
            for (int s = 0; s < 3; s++) {
                final int c = s * k + j;
                final double[] ci = resamples > 0 ? bootstrap.interval(reps[c]) : new double[] {Double.NaN, Double.NaN};
                estimates.add(new IndexEstimate(parameters.get(j), names[s], point[c], ci[0], ci[1]));
            }
        }
        return new OutputAnalysis(name, "morris", n, design.bases() - n, estimates);
    }

    /**
     * mu* (out[j]), mu (out[k + j]) and sigma (out[2k + j]) over the trajectories {@code pick}
     * (two passes, in pick order); NaN where fewer than two trajectories.
     */
    static void statistics(double[] ee, int k, int[] pick, double[] out) {
        final int n = pick.length;
        for (int j = 0; j < k; j++) {
            double abs = 0;
            double sum = 0;
            for (int i : pick) {
                final double e = ee[i * k + j];
                abs += Math.abs(e);
                sum += e;
            }
            final double mu = sum / n;
            double squares = 0;
            for (int i : pick) {
                final double d = ee[i * k + j] - mu;
                squares += d * d;
            }
            out[j] = n < 2 ? Double.NaN : abs / n;
            out[k + j] = n < 2 ? Double.NaN : mu;
            out[2 * k + j] = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
        }
    }
}
