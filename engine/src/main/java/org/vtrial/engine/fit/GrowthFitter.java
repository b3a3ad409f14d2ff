package org.vtrial.engine.fit;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.vtrial.engine.model.GrowthLaw;

/**
 * Fits exponential, logistic and Gompertz growth ({@link GrowthCurve}) to a series by least squares
 * with Hipparchus' Levenberg–Marquardt optimizer, computes standard errors and information criteria,
 * selects a law by AIC and adds the per-capita growth-rate diagnostic.
 *
 * <p>Starting points. Exponential growth on the log scale is linear least squares; its solution
 * starts the optimizer (which then stops at once). A saturating law is started from several points
 * and the best converged fit is kept: the values its per-capita form suggests through the
 * diagnostic's regressions ({@code r} and {@code K} from intercept and slope), and a ladder of
 * capacities above the largest count ({@code x1.05, 1.5, 3, 10, 100}) and below the smallest
 * ({@code x0.95, 0.5, 0.1}, for shrinking series), each with the rate that matches the early
 * per-capita growth rate. Internal parameters are kept inside wide bounds (sizes within
 * {@code e^-50 .. e^200} of the data's, rates within {@code 1e-9 .. 1e3} per time span); a fit that
 * ends on a bound is reported with a note, typically a capacity the data do not identify.
 */
public final class GrowthFitter {

    private static final double[] CAPACITY_ABOVE = {1.05, 1.5, 3, 10, 100};
    private static final double[] CAPACITY_BELOW = {0.95, 0.5, 0.1};

    private final FitScale scale;

    /** @param scale the scale residuals are taken on */
    public GrowthFitter(FitScale scale) {
        this.scale = scale;
    }

    /** Fits all three laws to a series of at least {@link GrowthDataFile#MIN_POINTS} points. */
    public SeriesFit fit(GrowthSeries s) {
        if (s.size() < GrowthDataFile.MIN_POINTS) {
            throw new IllegalArgumentException("series '" + s.name() + "' has " + s.size() + " points; at least "
                    + GrowthDataFile.MIN_POINTS + " are needed");
        }
        final PerCapitaDiagnostic diagnostic = PerCapitaDiagnostic.of(s);
        final List<LawFit> fits = new ArrayList<>();
        for (GrowthLaw law : GrowthLaw.values()) {
            fits.add(fitLaw(law, s, diagnostic));
        }
        return new SeriesFit(s, scale, fits, LawSelection.of(fits), diagnostic);
    }

    /** Fits one law. */
    public LawFit fitLaw(GrowthLaw law, GrowthSeries s, PerCapitaDiagnostic diagnostic) {
        final Problem problem = new Problem(law, s, scale);
        Candidate best = null;
        for (double[] start : starts(law, s, diagnostic)) {
            final Candidate c = problem.solve(start);
            if (c != null && (best == null || c.rss < best.rss)) {
                best = c;
            }
        }
        final int p = GrowthCurve.parameterCount(law);
        final int n = s.size();
        if (best == null) {
            final double[] nan = {Double.NaN, Double.NaN, Double.NaN};
            return new LawFit(law, false, nan, nan, Double.NaN, n, p, Double.NaN, Double.NaN, Double.NaN, 0,
                    "Levenberg-Marquardt did not converge from any start");
        }
        final List<String> notes = new ArrayList<>();
        final double[] internalErrors = new double[p];
        java.util.Arrays.fill(internalErrors, Double.NaN);
        final RealMatrix jacobian = problem.jacobian(best.theta);
        try {
            final RealMatrix jtj = jacobian.transposeMultiply(jacobian);
            final RealMatrix inverse = new QRDecomposition(jtj, 1e-14).getSolver().getInverse();
            final double s2 = best.rss / (n - p);
            for (int i = 0; i < p; i++) {
                internalErrors[i] = Math.sqrt(s2 * inverse.getEntry(i, i));
            }
        } catch (MathRuntimeException e) {
            notes.add("singular covariance: parameters not identifiable from these data");
        }
        final String bound = problem.atBound(best.theta);
        if (bound != null) {
            notes.add(bound);
        }
        final double[] estimate = GrowthCurve.natural(law, best.theta);
        final double[] errors = GrowthCurve.naturalErrors(law, best.theta, internalErrors);
        final int k = p + 1;
        final double logLik = n * StrictMath.log(Math.max(best.rss, Double.MIN_NORMAL) / n);
        final double aic = logLik + 2.0 * k;
        final double aicc = n - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (n - k - 1) : Double.NaN;
        final double bic = logLik + k * StrictMath.log(n);
        return new LawFit(law, true, estimate, errors, best.rss, n, p, aic, aicc, bic, best.iterations,
                String.join("; ", notes));
    }

    /** Starting points in internal coordinates. */
    private static List<double[]> starts(GrowthLaw law, GrowthSeries s, PerCapitaDiagnostic d) {
        final int n = s.size();
        final double span = s.time(n - 1) - s.time(0);
        final double n0 = s.count(0);
        final List<double[]> out = new ArrayList<>();
        // ordinary least squares of ln N on tau: exponential growth's log-scale solution
        final double[] tau = new double[n];
        final double[] logN = new double[n];
        double minN = Double.POSITIVE_INFINITY;
        double maxN = 0;
        for (int i = 0; i < n; i++) {
            tau[i] = s.time(i) - s.time(0);
            logN[i] = StrictMath.log(s.count(i));
            minN = Math.min(minN, s.count(i));
            maxN = Math.max(maxN, s.count(i));
        }
        final Regression line = Regression.fit(tau, logN);
        if (law == GrowthLaw.EXPONENTIAL) {
            out.add(new double[] {line.intercept(), line.slope()});
            return out;
        }
        // early per-capita rate: the log-linear slope over the first half of the points (at least 3)
        final int half = Math.max(3, (n + 1) / 2);
        double early = Regression.fit(java.util.Arrays.copyOf(tau, half), java.util.Arrays.copyOf(logN, half)).slope();
        if (!(Math.abs(early) > 0) || !Double.isFinite(early)) {
            early = 1.0 / span;
        }
        // from the per-capita regressions: logistic g = r - (r/K) N, Gompertz g = r ln K - r ln N
        final Regression vsN = d.versusN();
        final Regression vsLnN = d.versusLnN();
        if (law == GrowthLaw.LOGISTIC && vsN.slope() < 0 && vsN.intercept() > 0) {
            out.add(new double[] {StrictMath.log(n0), StrictMath.log(vsN.intercept()),
                StrictMath.log(-vsN.intercept() / vsN.slope())});
        }
        if (law == GrowthLaw.GOMPERTZ && vsLnN.slope() < 0) {
            final double r = -vsLnN.slope();
            out.add(new double[] {StrictMath.log(n0), StrictMath.log(r), vsLnN.intercept() / r});
        }
        final List<Double> capacities = new ArrayList<>();
        for (double f : CAPACITY_ABOVE) {
            capacities.add(f * maxN);
        }
        for (double f : CAPACITY_BELOW) {
            capacities.add(f * minN);
        }
        for (double k : capacities) {
            // the rate whose initial per-capita growth r phi(N0) equals the early rate
            final double phi0 = law == GrowthLaw.LOGISTIC ? 1.0 - n0 / k : StrictMath.log(k / n0);
            final double r = early / phi0;
            if (r > 0 && Double.isFinite(r)) {
                out.add(new double[] {StrictMath.log(n0), StrictMath.log(r), StrictMath.log(k)});
            }
        }
        return out;
    }

    /** One optimizer result. */
    private record Candidate(double[] theta, double rss, int iterations) {
    }

    /** The least-squares problem of one law and series on one scale. */
    private static final class Problem {
        private final GrowthLaw law;
        private final FitScale scale;
        private final double[] tau;
        private final double[] target;
        private final double[] lower;
        private final double[] upper;
        private final int p;

        Problem(GrowthLaw law, GrowthSeries s, FitScale scale) {
            this.law = law;
            this.scale = scale;
            final int n = s.size();
            this.p = GrowthCurve.parameterCount(law);
            this.tau = new double[n];
            this.target = new double[n];
            double minLog = Double.POSITIVE_INFINITY;
            double maxLog = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                tau[i] = s.time(i) - s.time(0);
                final double logN = StrictMath.log(s.count(i));
                target[i] = scale == FitScale.LOG ? logN : s.count(i);
                minLog = Math.min(minLog, logN);
                maxLog = Math.max(maxLog, logN);
            }
            final double span = tau[n - 1];
            lower = new double[p];
            upper = new double[p];
            lower[0] = minLog - 50;
            upper[0] = maxLog + 50;
            if (law == GrowthLaw.EXPONENTIAL) {
                lower[1] = -1e3 / span;
                upper[1] = 1e3 / span;
            } else {
                lower[1] = StrictMath.log(1e-9 / span);
                upper[1] = StrictMath.log(1e3 / span);
                lower[2] = minLog - 50;
                upper[2] = maxLog + 200;
            }
        }

        Pair<RealVector, RealMatrix> evaluate(RealVector point) {
            final double[] theta = point.toArray();
            final int n = tau.length;
            final double[] value = new double[n];
            final double[][] jac = new double[n][p];
            for (int i = 0; i < n; i++) {
                final double f = GrowthCurve.logValue(law, theta, tau[i], jac[i]);
                if (scale == FitScale.LOG) {
                    value[i] = f;
                } else {
                    final double v = StrictMath.exp(f);
                    value[i] = v;
                    for (int j = 0; j < p; j++) {
                        jac[i][j] *= v;
                    }
                }
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jac, false));
        }

        RealMatrix jacobian(double[] theta) {
            return evaluate(new ArrayRealVector(theta)).getSecond();
        }

        RealVector clamp(RealVector point) {
            final double[] v = point.toArray();
            for (int j = 0; j < p; j++) {
                v[j] = Math.min(upper[j], Math.max(lower[j], v[j]));
            }
            return new ArrayRealVector(v, false);
        }

        Candidate solve(double[] start) {
            final LeastSquaresProblem problem = new LeastSquaresBuilder()
                    .start(clamp(new ArrayRealVector(start)).toArray())
                    .model(this::evaluate)
                    .target(target)
                    .parameterValidator(this::clamp)
                    .maxEvaluations(20_000)
                    .maxIterations(20_000)
                    .build();
            try {
                final LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(problem);
                final double[] theta = opt.getPoint().toArray();
                final double cost = opt.getCost();
                final double rss = cost * cost;
                return Double.isFinite(rss) ? new Candidate(theta, rss, opt.getIterations()) : null;
            } catch (MathRuntimeException e) {
                // no convergence from this start (evaluation budget, non-finite values): try the others
                return null;
            }
        }

        /** @return a note when a parameter ended on its search bound, else null */
        String atBound(double[] theta) {
            final String[] names = law == GrowthLaw.EXPONENTIAL ? new String[] {"N0", "r"} : new String[] {"N0", "r", "K"};
            for (int j = 0; j < p; j++) {
                final double tol = 1e-6 * Math.max(1.0, Math.abs(upper[j] - lower[j]));
                if (theta[j] <= lower[j] + tol || theta[j] >= upper[j] - tol) {
                    return names[j] + " ended on its search bound: not identified by these data"
                            + (j == 2 ? " (no saturation visible)" : "");
                }
            }
            return null;
        }
    }
}
