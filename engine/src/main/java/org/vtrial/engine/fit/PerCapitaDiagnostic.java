package org.vtrial.engine.fit;

import org.vtrial.engine.model.GrowthLaw;

/**
 * The per-capita growth-rate diagnostic: how the growth rate per cell, {@code g = (1/N) dN/dt},
 * depends on size. The laws differ exactly there (MODELS.md §1): {@code g = r} is constant under
 * exponential growth, {@code g = r - (r/K) N} is linear in {@code N} under logistic growth and
 * {@code g = r ln K - r ln N} is linear in {@code ln N} under Gompertz growth.
 *
 * <p>Estimated by finite differences on each interval between consecutive observations:
 * {@code g_i = (ln N_{i+1} - ln N_i) / (t_{i+1} - t_i)} (the exact mean per-capita rate over the
 * interval), placed at the interval's geometric-mean size {@code sqrt(N_i N_{i+1})} (mean log size for
 * the {@code ln N} regression). Finite differences amplify noise, so this is a reading aid; the fits
 * and their information criteria decide.
 *
 * <p>Pattern rule: when neither regression has a slope significantly below zero ({@code t < -2}),
 * the rate is read as constant, pointing to exponential growth (a significantly increasing rate fits
 * none of the laws: {@code suggested} is then null); otherwise the regression with the larger
 * {@code R^2} names the law.
 *
 * @param intervals  number of finite-difference intervals ({@code n - 1})
 * @param meanRate   mean of {@code g_i} (1/day)
 * @param sdRate     standard deviation of {@code g_i}
 * @param versusN    regression of {@code g} on {@code N}
 * @param versusLnN  regression of {@code g} on {@code ln N}
 * @param suggested  the law the pattern points to, or null
 * @param pattern    the reading in words
 */
public record PerCapitaDiagnostic(int intervals, double meanRate, double sdRate, Regression versusN,
                                  Regression versusLnN, GrowthLaw suggested, String pattern) {

    /** Significance threshold of a slope, in standard errors. */
    public static final double T_THRESHOLD = 2.0;

    /** Computes the diagnostic of a series (at least 4 points, so that each regression has a residual). */
    public static PerCapitaDiagnostic of(GrowthSeries s) {
        final int m = s.size() - 1;
        final double[] g = new double[m];
        final double[] size = new double[m];
        final double[] logSize = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            final double l0 = StrictMath.log(s.count(i));
            final double l1 = StrictMath.log(s.count(i + 1));
            g[i] = (l1 - l0) / (s.time(i + 1) - s.time(i));
            logSize[i] = 0.5 * (l0 + l1);
            size[i] = StrictMath.exp(logSize[i]);
            mean += g[i];
        }
        mean /= m;
        double ss = 0;
        for (double v : g) {
            ss += (v - mean) * (v - mean);
        }
        final double sd = m > 1 ? Math.sqrt(ss / (m - 1)) : Double.NaN;
        final Regression vsN = Regression.fit(size, g);
        final Regression vsLnN = Regression.fit(logSize, g);
        final double tN = vsN.tStatistic();
        final double tL = vsLnN.tStatistic();
        final GrowthLaw suggested;
        final String pattern;
        if (!(ss > 0)) {
            suggested = GrowthLaw.EXPONENTIAL;
            pattern = "constant per-capita rate -> exponential";
        } else if (!(tN < -T_THRESHOLD) && !(tL < -T_THRESHOLD)) {
            if (tN > T_THRESHOLD && tL > T_THRESHOLD) {
                suggested = null;
                pattern = "per-capita rate increases with size -> none of the three laws";
            } else {
                suggested = GrowthLaw.EXPONENTIAL;
                pattern = "no significant trend of the per-capita rate with size -> exponential";
            }
        } else if (!(vsLnN.rSquared() > vsN.rSquared())) {
            suggested = GrowthLaw.LOGISTIC;
            pattern = "per-capita rate falls linearly in N (R^2 " + r2(vsN) + " vs " + r2(vsLnN) + " in ln N) -> logistic";
        } else {
            suggested = GrowthLaw.GOMPERTZ;
            pattern = "per-capita rate falls linearly in ln N (R^2 " + r2(vsLnN) + " vs " + r2(vsN) + " in N) -> gompertz";
        }
        return new PerCapitaDiagnostic(m, mean, sd, vsN, vsLnN, suggested, pattern);
    }

    private static String r2(Regression r) {
        return String.format(java.util.Locale.ROOT, "%.3f", r.rSquared());
    }
}
