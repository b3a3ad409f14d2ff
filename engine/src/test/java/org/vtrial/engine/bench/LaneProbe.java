package org.vtrial.engine.bench;

import java.util.Locale;

import org.vtrial.engine.model.builtin.CartModel;

/**
 * Would several patients side by side pay? One Dormand–Prince 5(4) attempt (six evaluations of the
 * {@code cart} right-hand side, the stage combinations, the error norm) for one patient in scalar
 * code against the same attempt for {@code W} patients at once in structure-of-arrays layout
 * ({@code y[state * W + lane]}, a step size per lane), written as plain loops over the lanes for the
 * JIT's auto-vectorizer. Both use the same simplified right-hand side (logistic growth, the
 * conditioning rate given, no branch), so only the layout differs. Prints nanoseconds per patient and
 * attempt, six rounds each. Figures, not a test; docs/PERFORMANCE.md reports them.
 *
 * <p>Run (after {@code mvn -pl engine test-compile}): {@code cd engine && mvn -B -ntp -q exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.vtrial.engine.bench.LaneProbe 8"}.
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
    // lanes
    private final double[] ly, lk1, lk2, lk3, lk4, lk5, lk6, lk7, lys, ly1, lp, lh, lld, lerr;

    private LaneProbe(int w) {
        this.w = w;
        ly = new double[N * w];
        lk1 = new double[N * w];
        lk2 = new double[N * w];
        lk3 = new double[N * w];
        lk4 = new double[N * w];
        lk5 = new double[N * w];
        lk6 = new double[N * w];
        lk7 = new double[N * w];
        lys = new double[N * w];
        ly1 = new double[N * w];
        lp = new double[P * w];
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
                ly[j * w + l] = y0[j] * (1 + 0.01 * l);
            }
            for (int q = 0; q < P; q++) {
                lp[q * w + l] = p0[q];
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

    /** The same right-hand side for every lane, loops over lanes innermost. */
    private void laneRhs(double[] s, double[] d) {
        final int n = w;
        final double[] q = lp;
        for (int l = 0; l < n; l++) {
            final double tp = s[l], tn = s[n + l], e = s[2 * n + l], m = s[3 * n + l], x = s[4 * n + l];
            final double lc = s[5 * n + l], cy = s[6 * n + l];
            final double tt = tp + tn;
            final double act = tp / (q[CartModel.P_K_ACT * n + l] + tp), exh = tp / (q[CartModel.P_K_EXH * n + l] + tp);
            final double mem = q[CartModel.P_K_MEM * n + l] / (q[CartModel.P_K_MEM * n + l] + tp);
            final double hom = q[CartModel.P_ALPHA_H * n + l] * cy / (q[CartModel.P_K_C * n + l] + cy);
            final double kill = e / (q[CartModel.P_H * n + l] + tt), phi = 1 - tt / q[CartModel.P_K * n + l];
            final double esc = q[CartModel.P_MU_ESC * n + l] * tp;
            d[l] = q[CartModel.P_R_POS * n + l] * phi * tp - q[CartModel.P_K_A * n + l] * kill * tp - esc;
            d[n + l] = q[CartModel.P_R_NEG * n + l] * phi * tn - q[CartModel.P_K_OFF * n + l] * kill * tn + esc;
            final double toM = q[CartModel.P_MU * n + l] * mem * e, re = q[CartModel.P_OMEGA * n + l] * act * m;
            final double ex = q[CartModel.P_GAMMA * n + l] * exh * e;
            d[2 * n + l] = q[CartModel.P_RHO * n + l] * act * e + hom * e - q[CartModel.P_D_E * n + l] * e - ex - toM + re;
            d[3 * n + l] = toM - re + hom * m - q[CartModel.P_D_M * n + l] * m;
            d[4 * n + l] = ex - q[CartModel.P_D_X * n + l] * x;
            d[5 * n + l] = q[CartModel.P_S_L * n + l] - q[CartModel.P_D_L * n + l] * lc - lld[l] * lc;
            d[6 * n + l] = q[CartModel.P_S_C * n + l] - q[CartModel.P_D_C * n + l] * cy
                    - q[CartModel.P_C_L * n + l] * cy * (lc + e + m) / q[CartModel.P_N_REF * n + l];
            d[7 * n + l] = q[CartModel.P_Q_6 * n + l] * act * e / q[CartModel.P_N_REF * n + l]
                    - q[CartModel.P_D_6 * n + l] * s[7 * n + l];
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
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                lys[i] = ly[i] + lh[l] * (A21 * lk1[i]);
            }
        }
        laneRhs(lys, lk2);
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                lys[i] = ly[i] + lh[l] * (A31 * lk1[i] + A32 * lk2[i]);
            }
        }
        laneRhs(lys, lk3);
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                lys[i] = ly[i] + lh[l] * (A41 * lk1[i] + A42 * lk2[i] + A43 * lk3[i]);
            }
        }
        laneRhs(lys, lk4);
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                lys[i] = ly[i] + lh[l] * (A51 * lk1[i] + A52 * lk2[i] + A53 * lk3[i] + A54 * lk4[i]);
            }
        }
        laneRhs(lys, lk5);
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                lys[i] = ly[i] + lh[l] * (A61 * lk1[i] + A62 * lk2[i] + A63 * lk3[i] + A64 * lk4[i] + A65 * lk5[i]);
            }
        }
        laneRhs(lys, lk6);
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                ly1[i] = ly[i] + lh[l] * (B1 * lk1[i] + B3 * lk3[i] + B4 * lk4[i] + B5 * lk5[i] + B6 * lk6[i]);
            }
        }
        laneRhs(ly1, lk7);
        java.util.Arrays.fill(lerr, 0.0);
        for (int j = 0; j < N; j++) {
            for (int l = 0, i = j * n; l < n; l++, i++) {
                final double err = E1 * lk1[i] + E3 * lk3[i] + E4 * lk4[i] + E5 * lk5[i] + E6 * lk6[i] + E7 * lk7[i];
                final double r = lh[l] * err / (ATOL + RTOL * Math.max(Math.abs(ly[i]), Math.abs(ly1[i])));
                lerr[l] += r * r;
            }
        }
        for (int l = 0; l < n; l++) {
            lerr[l] = Math.sqrt(lerr[l] / N);
        }
    }

    /** @param args lanes (default 8) */
    public static void main(String[] args) {
        final int lanes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        final LaneProbe probe = new LaneProbe(lanes);
        final int attempts = 2_000_000;
        double sink = 0;
        for (int round = 0; round < 6; round++) {
            final long t0 = System.nanoTime();
            for (int i = 0; i < attempts; i++) {
                sink += probe.attempt(0.1 + 1e-9 * (i & 7));
            }
            final long t1 = System.nanoTime();
            for (int i = 0; i < attempts / lanes; i++) {
                probe.laneAttempt();
                sink += probe.lerr[i % lanes];
            }
            final long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: scalar %.1f ns, %d lanes %.1f ns per patient and attempt%n",
                    round, (t1 - t0) / (double) attempts, lanes, (t2 - t1) / (double) (attempts / lanes * lanes));
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
