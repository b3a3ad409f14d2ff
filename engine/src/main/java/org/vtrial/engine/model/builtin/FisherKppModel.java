package org.vtrial.engine.model.builtin;

import java.util.List;

import org.vtrial.engine.endpoint.fisher.FrontSpeedEndpoint;
import org.vtrial.engine.endpoint.fisher.TimeToDepthEndpoint;
import org.vtrial.engine.endpoint.fisher.TumorClearedEndpoint;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.sim.Endpoint;

/**
 * {@code fisher-kpp}: CAR T-cells invading tumor tissue in one dimension, MODELS.md §4.
 *
 * <pre>
 *   dT/dt = -kappa * E * T
 *   dE/dt = D_E * d2E/dx2 + alpha * kappa * T * E - delta * E
 * </pre>
 *
 * on {@code 0 <= x <= L_x} with zero-flux boundaries, {@code T(x,0) = T0}, {@code E(x,0) = E0} on
 * {@code x < x0} and 0 elsewhere. Where {@code alpha*kappa*T0 > delta} a pulled traveling wave
 * invades at {@code c_min = 2*sqrt(D_E*(alpha*kappa*T0 - delta))} ({@link #minimalSpeed}).
 *
 * <p>Method of lines on {@code n_x} cells of width {@code dx = L_x/n_x} (centers
 * {@code x_i = (i + 1/2) dx}): the Laplacian is the three-point difference
 * {@code (E_{i-1} - 2 E_i + E_{i+1}) / dx^2} with mirrored ghost cells {@code E_{-1} = E_0},
 * {@code E_{n} = E_{n-1}}, i.e. a finite-volume scheme whose boundary fluxes are zero, so that
 * diffusion conserves {@code sum E_i dx} exactly. The initial infiltrate is cell-averaged: a cell
 * partly inside {@code x < x0} starts at {@code E0} times its covered fraction, so the initial
 * CAR T-cell mass is {@code E0 * x0} on every grid.
 *
 * <p>State layout ({@link #dimension} = {@code 2 n_x}): {@code y[i] = T_i} for {@code i < n_x},
 * {@code y[n_x + i] = E_i}. {@link #states()} declares the two fields {@code T}, {@code E}; the
 * profile at a time is cell {@code i} of each field at {@link #cellCenter}.
 *
 * <p>Units and defaults. MODELS.md §4 gives no values; the defaults are an illustrative, uncalibrated
 * tissue: depth in mm, densities in cells/mm³. {@code T0 = 1e6} cells/mm³ (about 1e9 cells per cm³
 * of solid tumor, the usual order of magnitude); {@code E0 = 1e4} (1% of the tumor density) in the
 * first {@code x0 = 0.5} mm; {@code alpha = 1} effector produced per tumor cell killed;
 * {@code kappa = 1e-6} mm³/(cell·day), so that {@code alpha*kappa*T0 = 1}/day, the order of CAR-T
 * expansion rates (doubling time near one day); {@code delta = 0.2}/day, the effector death rate
 * {@code d_E} of the {@code cart} presets (MODELS.md §3); {@code D_E = 0.04} mm²/day (about
 * 28 µm²/min, the order of T-cell motility coefficients in tissue measured by intravital
 * microscopy). Then {@code c_min = 0.358} mm/day and the leading edge decays over
 * {@code 1/lambda = sqrt(D_E/(alpha*kappa*T0 - delta)) = 0.224} mm, resolved by the default
 * {@code dx = 20/400 = 0.05} mm ({@code lambda*dx = 0.22}).
 *
 * <p>Cost: the diffusion term makes the system mildly stiff; the explicit integrator's step is
 * limited to about {@code 3.3 / (4 D_E / dx^2)} (the real stability interval of Dormand–Prince 5(4),
 * ~3.5 for the default Tsitouras 5(4), over the largest eigenvalue of the discrete Laplacian), 0.05 day
 * at the defaults. docs/FISHER_KPP.md
 * gives the measured step counts and times.
 */
public final class FisherKppModel implements Model {

    public static final int P_D_E = 0;
    public static final int P_ALPHA = 1;
    public static final int P_KAPPA = 2;
    public static final int P_DELTA = 3;
    public static final int P_T0 = 4;
    public static final int P_E0 = 5;
    public static final int P_X0 = 6;
    public static final int P_L_X = 7;
    public static final int P_N_X = 8;

    /** Field index of the tumor density in {@link #states()} and {@link #index}. */
    public static final int FIELD_T = 0;
    /** Field index of the CAR T-cell density in {@link #states()} and {@link #index}. */
    public static final int FIELD_E = 1;

    private static final List<StateSpec> FIELDS = List.of(
            new StateSpec("T", "cells/mm^3", "tumor cell density, one state per grid cell"),
            new StateSpec("E", "cells/mm^3", "CAR T-cell density, one state per grid cell"));

    private static final ParameterSpace PARAMETERS = ParameterSpace.of(
            ParameterSpec.real("D_E", "mm^2/day", 0.04, 0, 1e3, "CAR T-cell motility (diffusion coefficient)"),
            ParameterSpec.real("alpha", "-", 1.0, 0, 1e6, "CAR T-cells produced per tumor cell killed"),
            ParameterSpec.real("kappa", "mm^3/(cell*day)", 1e-6, 0, 1e3, "killing rate constant"),
            ParameterSpec.real("delta", "1/day", 0.2, 0, 1e3, "CAR T-cell death rate"),
            ParameterSpec.real("T0", "cells/mm^3", 1e6, 0, 1e15, "initial tumor density (uniform)"),
            ParameterSpec.real("E0", "cells/mm^3", 1e4, 0, 1e15, "initial CAR T-cell density on x < x0"),
            ParameterSpec.real("x0", "mm", 0.5, 0, 1e6, "depth of the initial infiltrate"),
            ParameterSpec.real("L_x", "mm", 20.0, 1e-9, 1e6, "tissue depth (domain length)"),
            ParameterSpec.real("n_x", "-", 400, 3, 1_000_000, "grid cells (whole number; 2*n_x states)"));

    @Override
    public String name() {
        return "fisher-kpp";
    }

    @Override
    public String description() {
        return "CAR T-cells invading tumor tissue in 1-D (traveling wave), method of lines, MODELS.md section 4";
    }

    /** @return the two fields {@code T}, {@code E}; each has {@code n_x} states (see the class doc) */
    @Override
    public List<StateSpec> states() {
        return FIELDS;
    }

    @Override
    public ParameterSpace parameters() {
        return PARAMETERS;
    }

    @Override
    public int dimension(double[] p) {
        return 2 * cells(p);
    }

    /** @return number of grid cells {@code n_x} */
    public static int cells(double[] p) {
        return (int) p[P_N_X];
    }

    /** @return cell width {@code dx = L_x / n_x} (mm) */
    public static double cellWidth(double[] p) {
        return p[P_L_X] / cells(p);
    }

    /** @return center of cell {@code i}, {@code (i + 1/2) dx} (mm) */
    public static double cellCenter(double[] p, int i) {
        // (i + 1/2) L_x / n_x rather than (i + 1/2) dx: one rounding, so round depths print as such
        return (i + 0.5) * p[P_L_X] / cells(p);
    }

    /** @return state index of cell {@code i} of field {@code field} ({@link #FIELD_T} or {@link #FIELD_E}) */
    public static int index(double[] p, int field, int i) {
        return field * cells(p) + i;
    }

    /** @return net growth rate of CAR T-cells at the leading edge, {@code alpha*kappa*T0 - delta} (1/day) */
    public static double edgeGrowthRate(double[] p) {
        return p[P_ALPHA] * p[P_KAPPA] * p[P_T0] - p[P_DELTA];
    }

    /**
     * @return the minimal traveling-wave speed {@code c_min = 2 sqrt(D_E (alpha kappa T0 - delta))}
     *         (mm/day), or 0 at or below the invasion threshold
     */
    public static double minimalSpeed(double[] p) {
        final double r = edgeGrowthRate(p);
        return r > 0 ? 2.0 * StrictMath.sqrt(p[P_D_E] * r) : 0.0;
    }

    /**
     * Minimal speed of the semi-discrete (method-of-lines) equations: linearising the leading edge
     * {@code E_i ~ exp(-lambda (x_i - c t))} in the three-point scheme gives
     * {@code c(lambda) = [r + (4 D_E/dx^2) sinh^2(lambda dx/2)] / lambda}; this returns its minimum
     * over {@code lambda}, which exceeds {@link #minimalSpeed} by {@code c_min (lambda* dx)^2/24}
     * to leading order ({@code lambda* = sqrt(r/D_E)}). The grid's own error of the front speed.
     *
     * @return the semi-discrete minimal speed (mm/day), or 0 at or below threshold or without diffusion
     */
    public static double semiDiscreteMinimalSpeed(double[] p) {
        final double r = edgeGrowthRate(p);
        final double d = p[P_D_E];
        if (!(r > 0) || !(d > 0)) {
            return 0.0;
        }
        final double dx = cellWidth(p);
        // c(lambda) is convex on lambda > 0 with one minimum near sqrt(r/D): golden-section search on
        // a bracket that holds it (c(lambda) grows without bound at both ends).
        double a = 1e-3 * StrictMath.sqrt(r / d);
        double b = 1e3 * StrictMath.sqrt(r / d);
        final double g = 0.5 * (StrictMath.sqrt(5.0) - 1.0);
        double c = b - g * (b - a);
        double e = a + g * (b - a);
        double fc = discreteSpeed(c, r, d, dx);
        double fe = discreteSpeed(e, r, d, dx);
        for (int k = 0; k < 200; k++) {
            if (fc < fe) {
                b = e;
                e = c;
                fe = fc;
                c = b - g * (b - a);
                fc = discreteSpeed(c, r, d, dx);
            } else {
                a = c;
                c = e;
                fc = fe;
                e = a + g * (b - a);
                fe = discreteSpeed(e, r, d, dx);
            }
        }
        return Math.min(fc, fe);
    }

    private static double discreteSpeed(double lambda, double r, double d, double dx) {
        final double s = StrictMath.sinh(0.5 * lambda * dx);
        return (r + 4.0 * d / (dx * dx) * s * s) / lambda;
    }

    @Override
    public void initialState(double[] p, double[] y) {
        final int n = cells(p);
        final double t0 = p[P_T0];
        final double e0 = p[P_E0];
        // x0 in units of cells, computed as x0 n / L_x so that a depth on a cell edge is a whole number
        final double edge = p[P_X0] * n / p[P_L_X];
        for (int i = 0; i < n; i++) {
            y[i] = t0;
            // fraction of cell [i dx, (i+1) dx] lying in x < x0
            final double covered = Math.min(Math.max(edge - i, 0.0), 1.0);
            y[n + i] = e0 * covered;
        }
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        final int n = (int) p[P_N_X];
        final double dx = p[P_L_X] / n;
        final double diffusion = p[P_D_E] / (dx * dx);
        final double kappa = p[P_KAPPA];
        final double alpha = p[P_ALPHA];
        final double delta = p[P_DELTA];
        // boundary cells: the mirrored ghost cell cancels the outer flux
        {
            final double e = y[n];
            final double kill = kappa * e * y[0];
            yDot[0] = -kill;
            yDot[n] = diffusion * (y[n + 1] - e) + alpha * kill - delta * e;
        }
        for (int i = 1; i < n - 1; i++) {
            final int j = n + i;
            final double e = y[j];
            final double kill = kappa * e * y[i];
            yDot[i] = -kill;
            yDot[j] = diffusion * (y[j - 1] - 2.0 * e + y[j + 1]) + alpha * kill - delta * e;
        }
        {
            final int i = n - 1;
            final int j = n + i;
            final double e = y[j];
            final double kill = kappa * e * y[i];
            yDot[i] = -kill;
            yDot[j] = diffusion * (y[j - 1] - e) + alpha * kill - delta * e;
        }
    }

    /**
     * Absolute tolerances on the densities' own scales: {@code 1e-3 rtol T0} for the tumor and
     * {@code 1e-3 rtol max(E0, alpha T0)} for CAR T-cells (the density they reach behind the front
     * when the whole tumor is converted), each at least {@code 1e-3 rtol}. The default rule would
     * give the initially empty {@code E} cells a tolerance a billion times below their scale.
     */
    @Override
    public void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        final int n = cells(p);
        final double tumor = 1e-3 * rtol * Math.max(1.0, p[P_T0]);
        final double effector = 1e-3 * rtol * Math.max(1.0, Math.max(p[P_E0], p[P_ALPHA] * p[P_T0]));
        java.util.Arrays.fill(atol, 0, n, tumor);
        java.util.Arrays.fill(atol, n, 2 * n, effector);
    }

    @Override
    public void validate(double[] p, List<String> problems) {
        final double nx = p[P_N_X];
        if (nx != Math.rint(nx)) {
            problems.add("parameter 'n_x': number of grid cells must be whole, got " + nx);
        }
        if (p[P_X0] > p[P_L_X]) {
            problems.add("parameters 'x0' (" + p[P_X0] + ") and 'L_x' (" + p[P_L_X]
                    + "): the initial infiltrate depth x0 must not exceed the domain length L_x");
        }
    }

    /** The endpoints of MODELS.md §4, in column order: the one place they are registered. */
    @Override
    public List<Endpoint> newEndpoints() {
        return List.of(new FrontSpeedEndpoint(), new TimeToDepthEndpoint(), new TumorClearedEndpoint());
    }
}
