package org.vtrial.engine.bench;

import java.util.Locale;

import org.vtrial.engine.model.builtin.CartModel;

/**
 * Would several patients side by side pay? One Dormand–Prince 5(4) attempt (six evaluations of the
 * {@code cart} right-hand side, the stage combinations, the error norm) for one patient in scalar
 * code against the same attempt for {@code W} patients at once, one array of {@code W} lanes per
 * state, stage and parameter ({@code y[state][lane]}, a step size per lane), written as plain loops
 * over the lanes for the JIT's auto-vectorizer. Both use the same simplified right-hand side
 * (logistic growth, the conditioning rate given, no branch), so only the layout differs. Prints
 * nanoseconds per patient and attempt and their ratio, eight rounds. Figures, not a test;
 * docs/PERFORMANCE.md reports them.
 *
 * <p>C2 vectorizes only loops it has unrolled, and it does not unroll a loop body larger than
 * {@code -XX:LoopUnrollLimit} (60 nodes by default): the lane loop of the right-hand side is far
 * larger, and stays scalar unless that limit is raised. Compare the two:
 * <pre>
 * cd engine &amp;&amp; mvn -B -ntp -q exec:exec -Dexec.executable=java -Dexec.classpathScope=test  *   -Dexec.args="-cp %classpath org.vtrial.engine.bench.LaneProbe 64"
 * cd engine &amp;&amp; mvn -B -ntp -q exec:exec -Dexec.executable=java -Dexec.classpathScope=test  *   -Dexec.args="-XX:LoopUnrollLimit=2000 -cp %classpath org.vtrial.engine.bench.LaneProbe 64"
 * </pre>
 * The earlier layout, one array per stage with the lanes of each state at {@code state * W}, was not
 * vectorized with either setting.
 */
public final class LaneProbe {

    private static final int N = CartModel.DIMENSION;
    private static final int P = 38;
    private static final double A21 = 1.0 / 5, A31 = 3.0 / 40, A32 = 9.0 / 40, A41 = 44.0 / 45, A42 = -56.0 / 15,
            A43 = 32.0 / 9, A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729,
            A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656,
            B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84,
            E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200, E6 = 22.0 / 525,
            E7 = -1.0 / 40;
    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-6;

    private final int w;
    // scalar patient
    private final double[] y = new double[N], k1 = new double[N], k2 = new double[N], k3 = new double[N],
            k4 = new double[N], k5 = new double[N], k6 = new double[N], k7 = new double[N], ys = new double[N],
            y1 = new double[N], p = new double[P];
    // lanes: one array of w lanes per state, stage and parameter
    private final double[][] ly, lk1, lk2, lk3, lk4, lk5, lk6, lk7, lys, ly1, lp;
    private final double[] lh, lld, lerr;

    private LaneProbe(int w) {
        this.w = w;
        ly = new double[N][w];
        lk1 = new double[N][w];
        lk2 = new double[N][w];
        lk3 = new double[N][w];
        lk4 = new double[N][w];
        lk5 = new double[N][w];
        lk6 = new double[N][w];
        lk7 = new double[N][w];
        lys = new double[N][w];
        ly1 = new double[N][w];
        lp = new double[P][w];
        lh = new double[w];
        lld = new double[w];
        lerr = new double[w];
        final double[] p0 = CartSolvers.MODEL.parameters().defaults();
        System.arraycopy(p0, 0, p, 0, P);
        // mid-expansion state of the starting-point patient (MODELS.md section 3)
        final double[] y0 = {1e9, 1e3, 1e10, 1e9, 1e8, 2e11, 100, 50};
        System.arraycopy(y0, 0, y, 0, N);
        rhs(y, k1, 0.0);
        for (int l = 0; l < w; l++) {
            for (int j = 0; j < N; j++) {
                ly[j][l] = y0[j] * (1 + 0.01 * l);
            }
            for (int q = 0; q < P; q++) {
                lp[q][l] = p0[q];
            }
            lh[l] = 0.1;
        }
        laneRhs(ly, lk1);
    }

    /** The simplified cart right-hand side, one patient. */
    private void rhs(double[] s, double[] d, double ld) {
        final double tp = s[0], tn = s[1], e = s[2], m = s[3], x = s[4], l = s[5], cy = s[6];
        final double tt = tp + tn;
        final double act = tp / (p[CartModel.P_K_ACT] + tp), exh = tp / (p[CartModel.P_K_EXH] + tp);
        final double mem = p[CartModel.P_K_MEM] / (p[CartModel.P_K_MEM] + tp);
        final double hom = p[CartModel.P_ALPHA_H] * cy / (p[CartModel.P_K_C] + cy);
        final double kill = e / (p[CartModel.P_H] + tt), phi = 1 - tt / p[CartModel.P_K];
        final double esc = p[CartModel.P_MU_ESC] * tp;
        d[0] = p[CartModel.P_R_POS] * phi * tp - p[CartModel.P_K_A] * kill * tp - esc;
        d[1] = p[CartModel.P_R_NEG] * phi * tn - p[CartModel.P_K_OFF] * kill * tn + esc;
        final double toM = p[CartModel.P_MU] * mem * e, re = p[CartModel.P_OMEGA] * act * m;
        final double ex = p[CartModel.P_GAMMA] * exh * e;
        d[2] = p[CartModel.P_RHO] * act * e + hom * e - p[CartModel.P_D_E] * e - ex - toM + re;
        d[3] = toM - re + hom * m - p[CartModel.P_D_M] * m;
        d[4] = ex - p[CartModel.P_D_X] * x;
        d[5] = p[CartModel.P_S_L] - p[CartModel.P_D_L] * l - ld * l;
        d[6] = p[CartModel.P_S_C] - p[CartModel.P_D_C] * cy - p[CartModel.P_C_L] * cy * (l + e + m) / p[CartModel.P_N_REF];
        d[7] = p[CartModel.P_Q_6] * act * e / p[CartModel.P_N_REF] - p[CartModel.P_D_6] * s[7];
    }

    /** The same right-hand side for every lane, one loop over the lanes. */
    private void laneRhs(double[][] s, double[][] d) {
        final int n = w;
        final double[] tpos = s[0], tneg = s[1], eff = s[2], mem0 = s[3], exhd = s[4], lym = s[5], cyt = s[6];
        final double[] il6 = s[7];
        final double[] d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3], d4 = d[4], d5 = d[5], d6 = d[6], d7 = d[7];
        final double[][] q = lp;
        final double[] kAct = q[CartModel.P_K_ACT], kExh = q[CartModel.P_K_EXH], kMem = q[CartModel.P_K_MEM];
        final double[] alphaH = q[CartModel.P_ALPHA_H], kC = q[CartModel.P_K_C], half = q[CartModel.P_H];
        final double[] cap = q[CartModel.P_K], muEsc = q[CartModel.P_MU_ESC], rPos = q[CartModel.P_R_POS];
        final double[] kA = q[CartModel.P_K_A], rNeg = q[CartModel.P_R_NEG], kOff = q[CartModel.P_K_OFF];
        final double[] mu = q[CartModel.P_MU], omega = q[CartModel.P_OMEGA], gamma = q[CartModel.P_GAMMA];
        final double[] rho = q[CartModel.P_RHO], dE = q[CartModel.P_D_E], dM = q[CartModel.P_D_M];
        final double[] dX = q[CartModel.P_D_X], sL = q[CartModel.P_S_L], dL = q[CartModel.P_D_L];
        final double[] sC = q[CartModel.P_S_C], dC = q[CartModel.P_D_C], cL = q[CartModel.P_C_L];
        final double[] nRef = q[CartModel.P_N_REF], q6 = q[CartModel.P_Q_6], d6il = q[CartModel.P_D_6];
        final double[] ld = lld;
        for (int l = 0; l < n; l++) {
            final double tp = tpos[l], tn = tneg[l], e = eff[l], m = mem0[l], x = exhd[l], lc = lym[l], cy = cyt[l];
            final double tt = tp + tn;
            final double act = tp / (kAct[l] + tp), exh = tp / (kExh[l] + tp);
            final double mem = kMem[l] / (kMem[l] + tp);
            final double hom = alphaH[l] * cy / (kC[l] + cy);
            final double kill = e / (half[l] + tt), phi = 1 - tt / cap[l];
            final double esc = muEsc[l] * tp;
            d0[l] = rPos[l] * phi * tp - kA[l] * kill * tp - esc;
            d1[l] = rNeg[l] * phi * tn - kOff[l] * kill * tn + esc;
            final double toM = mu[l] * mem * e, re = omega[l] * act * m;
            final double ex = gamma[l] * exh * e;
            d2[l] = rho[l] * act * e + hom * e - dE[l] * e - ex - toM + re;
            d3[l] = toM - re + hom * m - dM[l] * m;
            d4[l] = ex - dX[l] * x;
            d5[l] = sL[l] - dL[l] * lc - ld[l] * lc;
            d6[l] = sC[l] - dC[l] * cy - cL[l] * cy * (lc + e + m) / nRef[l];
            d7[l] = q6[l] * act * e / nRef[l] - d6il[l] * il6[l];
        }
    }

    private double attempt(double h) {
        for (int j = 0; j < N; j++) {
            ys[j] = y[j] + h * (A21 * k1[j]);
        }
        rhs(ys, k2, 0);
        for (int j = 0; j < N; j++) {
            ys[j] = y[j] + h * (A31 * k1[j] + A32 * k2[j]);
        }
        rhs(ys, k3, 0);
        for (int j = 0; j < N; j++) {
            ys[j] = y[j] + h * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]);
        }
        rhs(ys, k4, 0);
        for (int j = 0; j < N; j++) {
            ys[j] = y[j] + h * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
        }
        rhs(ys, k5, 0);
        for (int j = 0; j < N; j++) {
            ys[j] = y[j] + h * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
        }
        rhs(ys, k6, 0);
        for (int j = 0; j < N; j++) {
            y1[j] = y[j] + h * (B1 * k1[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j]);
        }
        rhs(y1, k7, 0);
        double sum = 0;
        for (int j = 0; j < N; j++) {
            final double err = E1 * k1[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j];
            final double r = h * err / (ATOL + RTOL * Math.max(Math.abs(y[j]), Math.abs(y1[j])));
            sum += r * r;
        }
        return Math.sqrt(sum / N);
    }

    private void laneAttempt() {
        final int n = w;
        final double[] h = lh;
        for (int j = 0; j < N; j++) {
            final double[] o = lys[j], y0 = ly[j], a = lk1[j];
            for (int l = 0; l < n; l++) {
                o[l] = y0[l] + h[l] * (A21 * a[l]);
            }
        }
        laneRhs(lys, lk2);
        for (int j = 0; j < N; j++) {
            final double[] o = lys[j], y0 = ly[j], a = lk1[j], b = lk2[j];
            for (int l = 0; l < n; l++) {
                o[l] = y0[l] + h[l] * (A31 * a[l] + A32 * b[l]);
            }
        }
        laneRhs(lys, lk3);
        for (int j = 0; j < N; j++) {
            final double[] o = lys[j], y0 = ly[j], a = lk1[j], b = lk2[j], c = lk3[j];
            for (int l = 0; l < n; l++) {
                o[l] = y0[l] + h[l] * (A41 * a[l] + A42 * b[l] + A43 * c[l]);
            }
        }
        laneRhs(lys, lk4);
        for (int j = 0; j < N; j++) {
            final double[] o = lys[j], y0 = ly[j], a = lk1[j], b = lk2[j], c = lk3[j], d = lk4[j];
            for (int l = 0; l < n; l++) {
                o[l] = y0[l] + h[l] * (A51 * a[l] + A52 * b[l] + A53 * c[l] + A54 * d[l]);
            }
        }
        laneRhs(lys, lk5);
        for (int j = 0; j < N; j++) {
            final double[] o = lys[j], y0 = ly[j], a = lk1[j], b = lk2[j], c = lk3[j], d = lk4[j], e = lk5[j];
            for (int l = 0; l < n; l++) {
                o[l] = y0[l] + h[l] * (A61 * a[l] + A62 * b[l] + A63 * c[l] + A64 * d[l] + A65 * e[l]);
            }
        }
        laneRhs(lys, lk6);
        for (int j = 0; j < N; j++) {
            final double[] o = ly1[j], y0 = ly[j], a = lk1[j], c = lk3[j], d = lk4[j], e = lk5[j], f = lk6[j];
            for (int l = 0; l < n; l++) {
                o[l] = y0[l] + h[l] * (B1 * a[l] + B3 * c[l] + B4 * d[l] + B5 * e[l] + B6 * f[l]);
            }
        }
        laneRhs(ly1, lk7);
        final double[] er = lerr;
        java.util.Arrays.fill(er, 0.0);
        for (int j = 0; j < N; j++) {
            final double[] y0 = ly[j], ye = ly1[j], a = lk1[j], c = lk3[j], d = lk4[j], e = lk5[j], f = lk6[j];
            final double[] g = lk7[j];
            for (int l = 0; l < n; l++) {
                final double err = E1 * a[l] + E3 * c[l] + E4 * d[l] + E5 * e[l] + E6 * f[l] + E7 * g[l];
                final double r = h[l] * err / (ATOL + RTOL * Math.max(Math.abs(y0[l]), Math.abs(ye[l])));
                er[l] += r * r;
            }
        }
        for (int l = 0; l < n; l++) {
            er[l] = Math.sqrt(er[l] / N);
        }
    }

    /** @param args lanes (default 64) */
    public static void main(String[] args) {
        final int lanes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        final LaneProbe probe = new LaneProbe(lanes);
        final int attempts = 2_000_000;
        double sink = 0;
        for (int round = 0; round < 8; round++) {
            final long t0 = System.nanoTime();
            for (int i = 0; i < attempts; i++) {
                sink += probe.attempt(0.1 + 1e-9 * (i & 7));
            }
            final long t1 = System.nanoTime();
            final int laneAttempts = attempts / lanes;
            for (int i = 0; i < laneAttempts; i++) {
                probe.laneAttempt();
                sink += probe.lerr[i % lanes];
            }
            final long t2 = System.nanoTime();
            final double scalar = (t1 - t0) / (double) attempts;
            final double lane = (t2 - t1) / (double) (laneAttempts * lanes);
            System.out.printf(Locale.ROOT, "round %d: scalar %.1f ns, %d lanes %.1f ns per patient and attempt,"
                    + " scalar / lanes %.2f%n", round, scalar, lanes, lane, scalar / lane);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
