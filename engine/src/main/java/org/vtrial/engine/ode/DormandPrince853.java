package org.vtrial.engine.ode;

/**
 * Adaptive Dormand–Prince 8(5,3) Runge–Kutta integrator (Hairer's DOP853) with dense output of
 * degree 7 and event location, allocation-free after construction.
 *
 * <p>Method: the order-8 pair of P. J. Prince and J. R. Dormand, "High order embedded Runge–Kutta
 * formulae", J. Comp. Appl. Math. 7 (1981) 67–75, with the error estimator of order 5 corrected by
 * one of order 3 and the continuous extension of order 7 of E. Hairer, S. P. Nørsett, G. Wanner,
 * <i>Solving Ordinary Differential Equations I</i>, 2nd ed., §II.5 and §II.6 (Hairer's {@code DOP853}
 * and {@code CONTD8}); coefficients as Hipparchus' {@code DormandPrince853Integrator} and
 * {@code DormandPrince853StateInterpolator} list them (below). Step-size control and the initial
 * step are Hipparchus': {@code h * min(maxGrowth, max(minReduction, safety * err^(-1/8)))}, plus
 * Hairer's rule that a step accepted right after a rejection proposes no larger step (Hipparchus
 * lacks it; on the {@code cart} cohort it cuts rejections from 54 to 33 per patient, most of them where
 * the cytokines hold the method at its stability limit). Where no step is rejected this integrator
 * accepts the same steps as Hipparchus' (step times equal up to round-off: the controller's eighth
 * root, three correctly rounded square roots here, may differ from {@code FastMath.pow} in its last
 * bit).
 *
 * <p>Cost: 12 evaluations per accepted step (11 stages and the derivative at the step's end, which is
 * the next step's first stage); a rejected step costs 11. The dense output needs 3 more evaluations,
 * made once per step and only when someone interpolates (an observer, an event), so a solve without
 * observers pays nothing for it. Same contract as {@link DormandPrince54} otherwise
 * ({@link AdaptiveIntegrator}).
 */
public final class DormandPrince853 extends EmbeddedRungeKutta {

    private static final double SQRT6 = Math.sqrt(6.0);

    // Nodes (Hipparchus' getC; stages 12 and 13 are at c = 1).
    static final double C2 = (12.0 - 2.0 * SQRT6) / 135.0;
    static final double C3 = (6.0 - SQRT6) / 45.0;
    static final double C4 = (6.0 - SQRT6) / 30.0;
    static final double C5 = (6.0 + SQRT6) / 30.0;
    static final double C6 = 1.0 / 3.0;
    static final double C7 = 1.0 / 4.0;
    static final double C8 = 4.0 / 13.0;
    static final double C9 = 127.0 / 195.0;
    static final double C10 = 3.0 / 5.0;
    static final double C11 = 6.0 / 7.0;
    static final double C14 = 1.0 / 10.0;
    static final double C15 = 1.0 / 5.0;
    static final double C16 = 7.0 / 9.0;

    // Coupling coefficients (Hipparchus' getA; zero entries omitted).
    static final double A2_1 = (12.0 - 2.0 * SQRT6) / 135.0;
    static final double A3_1 = (6.0 - SQRT6) / 180.0;
    static final double A3_2 = (6.0 - SQRT6) / 60.0;
    static final double A4_1 = (6.0 - SQRT6) / 120.0;
    static final double A4_3 = (6.0 - SQRT6) / 40.0;
    static final double A5_1 = (462.0 + 107.0 * SQRT6) / 3000.0;
    static final double A5_3 = (-402.0 - 197.0 * SQRT6) / 1000.0;
    static final double A5_4 = (168.0 + 73.0 * SQRT6) / 375.0;
    static final double A6_1 = 1.0 / 27.0;
    static final double A6_4 = (16.0 + SQRT6) / 108.0;
    static final double A6_5 = (16.0 - SQRT6) / 108.0;
    static final double A7_1 = 19.0 / 512.0;
    static final double A7_4 = (118.0 + 23.0 * SQRT6) / 1024.0;
    static final double A7_5 = (118.0 - 23.0 * SQRT6) / 1024.0;
    static final double A7_6 = -9.0 / 512.0;
    static final double A8_1 = 13772.0 / 371293.0;
    static final double A8_4 = (51544.0 + 4784.0 * SQRT6) / 371293.0;
    static final double A8_5 = (51544.0 - 4784.0 * SQRT6) / 371293.0;
    static final double A8_6 = -5688.0 / 371293.0;
    static final double A8_7 = 3072.0 / 371293.0;
    static final double A9_1 = 58656157643.0 / 93983540625.0;
    static final double A9_4 = (-1324889724104.0 - 318801444819.0 * SQRT6) / 626556937500.0;
    static final double A9_5 = (-1324889724104.0 + 318801444819.0 * SQRT6) / 626556937500.0;
    static final double A9_6 = 96044563816.0 / 3480871875.0;
    static final double A9_7 = 5682451879168.0 / 281950621875.0;
    static final double A9_8 = -165125654.0 / 3796875.0;
    static final double A10_1 = 8909899.0 / 18653125.0;
    static final double A10_4 = (-4521408.0 - 1137963.0 * SQRT6) / 2937500.0;
    static final double A10_5 = (-4521408.0 + 1137963.0 * SQRT6) / 2937500.0;
    static final double A10_6 = 96663078.0 / 4553125.0;
    static final double A10_7 = 2107245056.0 / 137915625.0;
    static final double A10_8 = -4913652016.0 / 147609375.0;
    static final double A10_9 = -78894270.0 / 3880452869.0;
    static final double A11_1 = -20401265806.0 / 21769653311.0;
    static final double A11_4 = (354216.0 + 94326.0 * SQRT6) / 112847.0;
    static final double A11_5 = (354216.0 - 94326.0 * SQRT6) / 112847.0;
    static final double A11_6 = -43306765128.0 / 5313852383.0;
    static final double A11_7 = -20866708358144.0 / 1126708119789.0;
    static final double A11_8 = 14886003438020.0 / 654632330667.0;
    static final double A11_9 = 35290686222309375.0 / 14152473387134411.0;
    static final double A11_10 = -1477884375.0 / 485066827.0;
    static final double A12_1 = 39815761.0 / 17514443.0;
    static final double A12_4 = (-3457480.0 - 960905.0 * SQRT6) / 551636.0;
    static final double A12_5 = (-3457480.0 + 960905.0 * SQRT6) / 551636.0;
    static final double A12_6 = -844554132.0 / 47026969.0;
    static final double A12_7 = 8444996352.0 / 302158619.0;
    static final double A12_8 = -2509602342.0 / 877790785.0;
    static final double A12_9 = -28388795297996250.0 / 3199510091356783.0;
    static final double A12_10 = 226716250.0 / 18341897.0;
    static final double A12_11 = 1371316744.0 / 2131383595.0;
    // Interpolation stages 14-16 (k13 is the derivative at the step's end).
    static final double A14_1 = 13481885573.0 / 240030000000.0;
    static final double A14_7 = 139418837528.0 / 549975234375.0;
    static final double A14_8 = -11108320068443.0 / 45111937500000.0;
    static final double A14_9 = -1769651421925959.0 / 14249385146080000.0;
    static final double A14_10 = 57799439.0 / 377055000.0;
    static final double A14_11 = 793322643029.0 / 96734250000000.0;
    static final double A14_12 = 1458939311.0 / 192780000000.0;
    static final double A14_13 = -4149.0 / 500000.0;
    static final double A15_1 = 1595561272731.0 / 50120273500000.0;
    static final double A15_6 = 975183916491.0 / 34457688031250.0;
    static final double A15_7 = 38492013932672.0 / 718912673015625.0;
    static final double A15_8 = -1114881286517557.0 / 20298710767500000.0;
    static final double A15_11 = -2538710946863.0 / 23431227861250000.0;
    static final double A15_12 = 8824659001.0 / 23066716781250.0;
    static final double A15_13 = -11518334563.0 / 33831184612500.0;
    static final double A15_14 = 1912306948.0 / 13532473845.0;
    static final double A16_1 = -13613986967.0 / 31741908048.0;
    static final double A16_6 = -4755612631.0 / 1012344804.0;
    static final double A16_7 = 42939257944576.0 / 5588559685701.0;
    static final double A16_8 = 77881972900277.0 / 19140370552944.0;
    static final double A16_9 = 22719829234375.0 / 63689648654052.0;
    static final double A16_13 = -1199007803.0 / 857031517296.0;
    static final double A16_14 = 157882067000.0 / 53564469831.0;
    static final double A16_15 = -290468882375.0 / 31741908048.0;

    // Eighth-order weights (stages 2-5 have weight 0).
    static final double B1 = 104257.0 / 1920240.0;
    static final double B6 = 3399327.0 / 763840.0;
    static final double B7 = 66578432.0 / 35198415.0;
    static final double B8 = -1674902723.0 / 288716400.0;
    static final double B9 = 54980371265625.0 / 176692375811392.0;
    static final double B10 = -734375.0 / 4826304.0;
    static final double B11 = 171414593.0 / 851261400.0;
    static final double B12 = 137909.0 / 3084480.0;

    // Error estimators: order 5 (E1) and the order-3 correction (E2).
    static final double E1_1 = 116092271.0 / 8848465920.0;
    static final double E1_6 = -1871647.0 / 1527680.0;
    static final double E1_7 = -69799717.0 / 140793660.0;
    static final double E1_8 = 1230164450203.0 / 739113984000.0;
    static final double E1_9 = -1980813971228885.0 / 5654156025964544.0;
    static final double E1_10 = 464500805.0 / 1389975552.0;
    static final double E1_11 = 1606764981773.0 / 19613062656000.0;
    static final double E1_12 = -137909.0 / 6168960.0;
    static final double E2_1 = -364463.0 / 1920240.0;
    static final double E2_6 = 3399327.0 / 763840.0;
    static final double E2_7 = 66578432.0 / 35198415.0;
    static final double E2_8 = -1674902723.0 / 288716400.0;
    static final double E2_9 = -74684743568175.0 / 176692375811392.0;
    static final double E2_10 = -734375.0 / 4826304.0;
    static final double E2_11 = 171414593.0 / 851261400.0;
    static final double E2_12 = 69869.0 / 3084480.0;

    // Dense output, rows 3-6 of Hipparchus' interpolation weights D (rows 0-2 follow from the ends).
    static final double D3_1 = -17751989329.0 / 2106076560.0;
    static final double D3_6 = 4272954039.0 / 7539864640.0;
    static final double D3_7 = -118476319744.0 / 38604839385.0;
    static final double D3_8 = 755123450731.0 / 316657731600.0;
    static final double D3_9 = 3692384461234828125.0 / 1744130441634250432.0;
    static final double D3_10 = -4612609375.0 / 5293382976.0;
    static final double D3_11 = 2091772278379.0 / 933644586600.0;
    static final double D3_12 = 2136624137.0 / 3382989120.0;
    static final double D3_13 = -126493.0 / 1421424.0;
    static final double D3_14 = 98350000.0 / 5419179.0;
    static final double D3_15 = -18878125.0 / 2053168.0;
    static final double D3_16 = -1944542619.0 / 438351368.0;
    static final double D4_1 = 32941697297.0 / 3159114840.0;
    static final double D4_6 = 456696183123.0 / 1884966160.0;
    static final double D4_7 = 19132610714624.0 / 115814518155.0;
    static final double D4_8 = -177904688592943.0 / 474986597400.0;
    static final double D4_9 = -4821139941836765625.0 / 218016305204281304.0;
    static final double D4_10 = 30702015625.0 / 3970037232.0;
    static final double D4_11 = -85916079474274.0 / 2800933759800.0;
    static final double D4_12 = -5919468007.0 / 634310460.0;
    static final double D4_13 = 2479159.0 / 157936.0;
    static final double D4_14 = -18750000.0 / 602131.0;
    static final double D4_15 = -19203125.0 / 2053168.0;
    static final double D4_16 = 15700361463.0 / 438351368.0;
    static final double D5_1 = 12627015655.0 / 631822968.0;
    static final double D5_6 = -72955222965.0 / 188496616.0;
    static final double D5_7 = -13145744952320.0 / 69488710893.0;
    static final double D5_8 = 30084216194513.0 / 56998391688.0;
    static final double D5_9 = -296858761006640625.0 / 25648977082856624.0;
    static final double D5_10 = 569140625.0 / 82709109.0;
    static final double D5_11 = -18684190637.0 / 18672891732.0;
    static final double D5_12 = 69644045.0 / 89549712.0;
    static final double D5_13 = -11847025.0 / 4264272.0;
    static final double D5_14 = -978650000.0 / 16257537.0;
    static final double D5_15 = 519371875.0 / 6159504.0;
    static final double D5_16 = 5256837225.0 / 438351368.0;
    static final double D6_1 = -450944925.0 / 17550638.0;
    static final double D6_6 = -14532122925.0 / 94248308.0;
    static final double D6_7 = -595876966400.0 / 2573655959.0;
    static final double D6_8 = 188748653015.0 / 527762886.0;
    static final double D6_9 = 2545485458115234375.0 / 27252038150535163.0;
    static final double D6_10 = -1376953125.0 / 36759604.0;
    static final double D6_11 = 53995596795.0 / 518691437.0;
    static final double D6_12 = 210311225.0 / 7047894.0;
    static final double D6_13 = -1718875.0 / 39484.0;
    static final double D6_14 = 58000000.0 / 602131.0;
    static final double D6_15 = -1546875.0 / 39484.0;
    static final double D6_16 = -1262172375.0 / 8429834.0;

    /**
     * Degree-7 Bernstein weights of the interpolant's terms: with
     * {@code P(θ) = y0 + θ c0 + θη c1 + θ²η c2 + θ²η² c3 + θ³η² c4 + θ³η³ c5 + θ⁴η³ c6} ({@code η = 1 - θ}),
     * term {@code θ^a η^b} times {@code (θ + η)^(7-a-b)} expands to
     * {@code Σ_i C(7-a-b, i-a) / C(7, i)} times the Bernstein polynomial {@code B_{i,7}}; row r is the
     * term of {@code c_r}, column i the coefficient's index.
     */
    private static final double[][] BERNSTEIN_WEIGHTS = bernsteinWeights();

    /** Rows of stages 2-12 with their zeros, for the failure path's re-check of stage inputs only. */
    private static final double[][] A_ROWS = {
        {A2_1}, {A3_1, A3_2}, {A4_1, 0, A4_3}, {A5_1, 0, A5_3, A5_4}, {A6_1, 0, 0, A6_4, A6_5},
        {A7_1, 0, 0, A7_4, A7_5, A7_6}, {A8_1, 0, 0, A8_4, A8_5, A8_6, A8_7},
        {A9_1, 0, 0, A9_4, A9_5, A9_6, A9_7, A9_8}, {A10_1, 0, 0, A10_4, A10_5, A10_6, A10_7, A10_8, A10_9},
        {A11_1, 0, 0, A11_4, A11_5, A11_6, A11_7, A11_8, A11_9, A11_10},
        {A12_1, 0, 0, A12_4, A12_5, A12_6, A12_7, A12_8, A12_9, A12_10, A12_11}};

    // stages 2-16; k13 is f at the accepted step's end (the next k1); k14-k16 only for the dense output
    private final double[] k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k14, k15, k16;
    private double[] k13;

    // dense output of the last accepted step, built on first use
    private boolean stagesReady;
    private final double[] d0, d1, d2, d3, d4, d5, d6;
    private final double[] bernsteinCoefficients = new double[8];

    private DormandPrince853(int capacity, IntegratorSettings settings) {
        super(capacity, settings, 8, 12, false);
        k2 = new double[capacity];
        k3 = new double[capacity];
        k4 = new double[capacity];
        k5 = new double[capacity];
        k6 = new double[capacity];
        k7 = new double[capacity];
        k8 = new double[capacity];
        k9 = new double[capacity];
        k10 = new double[capacity];
        k11 = new double[capacity];
        k12 = new double[capacity];
        k13 = new double[capacity];
        k14 = new double[capacity];
        k15 = new double[capacity];
        k16 = new double[capacity];
        d0 = new double[capacity];
        d1 = new double[capacity];
        d2 = new double[capacity];
        d3 = new double[capacity];
        d4 = new double[capacity];
        d5 = new double[capacity];
        d6 = new double[capacity];
    }

    /**
     * Creates an integrator whose work arrays hold systems of up to {@code capacity} states.
     *
     * @param capacity largest system dimension (&gt; 0)
     * @param settings step-size control settings
     * @return a new integrator, for use by one thread
     */
    public static DormandPrince853 create(int capacity, IntegratorSettings settings) {
        checkArguments(capacity, settings);
        return new DormandPrince853(capacity, settings);
    }

    @Override
    public OdeMethod method() {
        return OdeMethod.DP853;
    }

    /**
     * Accepts below 1 when the end state is finite and the model can be evaluated there: the
     * derivative at the candidate end (the next step's first stage and the dense output's) is computed
     * here, so a rejected step never pays for it (the error estimate does not need it).
     */
    @Override
    int accept(double err, double hTry, double tCap) {
        if (!(err < 1.0)) {
            return REJECT;
        }
        if (!StepSupport.allFinite(y1, n)) {
            return REJECT; // overflow the error norm did not see (an infinite scale)
        }
        function.derivatives(Math.min(t + hTry, tCap), y1, params, k13);
        evaluations++;
        if (hasNaN(k13)) {
            return NON_FINITE_MODEL;
        }
        return StepSupport.allFinite(k13, n) ? ACCEPT : REJECT;
    }

    @Override
    void newStep() {
        stagesReady = false;
    }

    @Override
    void swapFirstSameAsLast() {
        final double[] k = k1;
        k1 = k13;
        k13 = k;
    }

    /**
     * Computes stages 2-12 for step {@code hh} and the candidate {@code y1}, and returns the error
     * norm of Hairer's DOP853: {@code |h| e5² / sqrt(n (e5² + 0.01 e3²))} with {@code e5}, {@code e3}
     * the root sums of squares of the order-5 and order-3 estimates over their scales.
     */
    @Override
    double attempt(double hh, double rtol, double tCap) {
        final int dim = n;
        final double[] yy = y;
        final double[] ys = yStage;
        final double[] f1 = k1;
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A2_1 * f1[j]);
        }
        function.derivatives(Math.min(t + C2 * hh, tCap), ys, params, k2);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A3_1 * f1[j] + A3_2 * k2[j]);
        }
        function.derivatives(Math.min(t + C3 * hh, tCap), ys, params, k3);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A4_1 * f1[j] + A4_3 * k3[j]);
        }
        function.derivatives(Math.min(t + C4 * hh, tCap), ys, params, k4);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A5_1 * f1[j] + A5_3 * k3[j] + A5_4 * k4[j]);
        }
        function.derivatives(Math.min(t + C5 * hh, tCap), ys, params, k5);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A6_1 * f1[j] + A6_4 * k4[j] + A6_5 * k5[j]);
        }
        function.derivatives(Math.min(t + C6 * hh, tCap), ys, params, k6);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A7_1 * f1[j] + A7_4 * k4[j] + A7_5 * k5[j] + A7_6 * k6[j]);
        }
        function.derivatives(Math.min(t + C7 * hh, tCap), ys, params, k7);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A8_1 * f1[j] + A8_4 * k4[j] + A8_5 * k5[j] + A8_6 * k6[j] + A8_7 * k7[j]);
        }
        function.derivatives(Math.min(t + C8 * hh, tCap), ys, params, k8);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A9_1 * f1[j] + A9_4 * k4[j] + A9_5 * k5[j] + A9_6 * k6[j] + A9_7 * k7[j]
                    + A9_8 * k8[j]);
        }
        function.derivatives(Math.min(t + C9 * hh, tCap), ys, params, k9);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A10_1 * f1[j] + A10_4 * k4[j] + A10_5 * k5[j] + A10_6 * k6[j] + A10_7 * k7[j]
                    + A10_8 * k8[j] + A10_9 * k9[j]);
        }
        function.derivatives(Math.min(t + C10 * hh, tCap), ys, params, k10);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A11_1 * f1[j] + A11_4 * k4[j] + A11_5 * k5[j] + A11_6 * k6[j] + A11_7 * k7[j]
                    + A11_8 * k8[j] + A11_9 * k9[j] + A11_10 * k10[j]);
        }
        function.derivatives(Math.min(t + C11 * hh, tCap), ys, params, k11);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A12_1 * f1[j] + A12_4 * k4[j] + A12_5 * k5[j] + A12_6 * k6[j] + A12_7 * k7[j]
                    + A12_8 * k8[j] + A12_9 * k9[j] + A12_10 * k10[j] + A12_11 * k11[j]);
        }
        function.derivatives(Math.min(t + hh, tCap), ys, params, k12);
        evaluations += 11;

        final double[] yEnd = y1;
        double error1 = 0;
        double error2 = 0;
        for (int j = 0; j < dim; j++) {
            final double a1 = f1[j];
            final double a6 = k6[j];
            final double a7 = k7[j];
            final double a8 = k8[j];
            final double a9 = k9[j];
            final double a10 = k10[j];
            final double a11 = k11[j];
            final double a12 = k12[j];
            final double yj = yy[j];
            final double ye = yj + hh * (B1 * a1 + B6 * a6 + B7 * a7 + B8 * a8 + B9 * a9 + B10 * a10
                    + B11 * a11 + B12 * a12);
            yEnd[j] = ye;
            final double err5 = E1_1 * a1 + E1_6 * a6 + E1_7 * a7 + E1_8 * a8 + E1_9 * a9 + E1_10 * a10
                    + E1_11 * a11 + E1_12 * a12;
            final double err3 = E2_1 * a1 + E2_6 * a6 + E2_7 * a7 + E2_8 * a8 + E2_9 * a9 + E2_10 * a10
                    + E2_11 * a11 + E2_12 * a12;
            final double scale = absTol[j] + rtol * Math.max(Math.abs(yj), Math.abs(ye));
            final double r1 = err5 / scale;
            error1 += r1 * r1;
            final double r2 = err3 / scale;
            error2 += r2 * r2;
        }
        double den = error1 + 0.01 * error2;
        if (den <= 0.0) {
            den = 1.0;
        }
        return Math.abs(hh) * error1 / Math.sqrt(dim * den);
    }

    /**
     * The state at a crossing located at {@code tEvent} on the interpolant, into {@code y1}: a step of
     * the method from the step's start to {@code tEvent}, not the continuous extension. Where the
     * cytokines hold the method at its stability limit (steps of 5-10 relaxation times) the degree-7
     * interpolant is off by ~30 tolerance units on such components (Hipparchus' alike; measured on
     * {@code y' = -2 (y - c(t))}), while a step's end stays within one; an event state taken from the
     * interpolant would carry that error into the rest of the solve (measured on {@code cart}: up to
     * 1,400 tolerance units on {@code Cy}). The shorter step needs no error check (its error is below
     * the accepted step's); it costs 11 evaluations.
     *
     * @return true when the firing event's function at that state is across (the event fires there);
     *         false when it is not yet (the interpolant crossed a little early): the step then simply
     *         ends at {@code tEvent} with that state, and the next step, which starts next to the
     *         crossing, locates it again. The interpolant's state is used (and the event fires) when the
     *         budget is spent or the step gives a non-finite state.
     */
    @Override
    boolean eventState(EventFunctions events, int firing, double tEvent, double rtol) {
        interpolate(tEvent, yInterp);
        if (stepTo(tEvent, rtol)) {
            return StepSupport.crosses(events.direction(firing), gStart[firing], events.g(firing, tEvent, y1, params));
        }
        System.arraycopy(yInterp, 0, y1, 0, n);
        return true;
    }

    /** One step of the method from the step's start to {@code tTarget} into {@code y1}; false if not possible. */
    private boolean stepTo(double tTarget, double rtol) {
        final double hh = tTarget - stepStart;
        if (!(hh > 0) || evaluations + 11 > settings.maxEvaluations()) {
            return false;
        }
        attempt(hh, rtol, Math.min(stepCap, Math.nextDown(tTarget)));
        return StepSupport.allFinite(y1, n);
    }

    /**
     * Failure path only: tells a NaN produced by the right-hand side at a finite input (a model that
     * cannot be evaluated) from one produced by overflow of the stages (a step too large). Recomputes
     * each stage's input and re-evaluates it where the stored stage holds a NaN.
     */
    @Override
    boolean nanFromFiniteInput(double hh) {
        for (int s = 1; s < 12; s++) {
            final double[] row = A_ROWS[s - 1];
            boolean inputFinite = true;
            for (int j = 0; j < n && inputFinite; j++) {
                double sum = 0;
                for (int l = 0; l < s; l++) {
                    sum += row[l] * stage(l)[j];
                }
                yStage[j] = y[j] + hh * sum;
                inputFinite = Double.isFinite(yStage[j]);
            }
            if (!inputFinite) {
                return false;
            }
            if (hasNaN(stage(s))) {
                return true;
            }
        }
        return false;
    }

    /** Stage {@code index + 1}'s derivative array, {@code index} in 0..11 (failure path only). */
    private double[] stage(int index) {
        switch (index) {
            case 0: return k1;
            case 1: return k2;
            case 2: return k3;
            case 3: return k4;
            case 4: return k5;
            case 5: return k6;
            case 6: return k7;
            case 7: return k8;
            case 8: return k9;
            case 9: return k10;
            case 10: return k11;
            default: return k12;
        }
    }

    /** {@code err^(-1/8)}: three correctly rounded square roots (the same bits on every machine). */
    @Override
    double inverseRoot(double err) {
        return StepSupport.inverseEighthRoot(err);
    }

    /** The three interpolation stages, once per step (the first interpolation pays for them). */
    private void ensureStages() {
        if (stagesReady) {
            return;
        }
        final int dim = n;
        final double hh = stepSize;
        final double t0 = stepStart;
        final double cap = stepCap;
        final double[] yy = y;
        final double[] ys = yStage;
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A14_1 * k1[j] + A14_7 * k7[j] + A14_8 * k8[j] + A14_9 * k9[j]
                    + A14_10 * k10[j] + A14_11 * k11[j] + A14_12 * k12[j] + A14_13 * k13[j]);
        }
        function.derivatives(Math.min(t0 + C14 * hh, cap), ys, params, k14);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A15_1 * k1[j] + A15_6 * k6[j] + A15_7 * k7[j] + A15_8 * k8[j]
                    + A15_11 * k11[j] + A15_12 * k12[j] + A15_13 * k13[j] + A15_14 * k14[j]);
        }
        function.derivatives(Math.min(t0 + C15 * hh, cap), ys, params, k15);
        for (int j = 0; j < dim; j++) {
            ys[j] = yy[j] + hh * (A16_1 * k1[j] + A16_6 * k6[j] + A16_7 * k7[j] + A16_8 * k8[j]
                    + A16_9 * k9[j] + A16_13 * k13[j] + A16_14 * k14[j] + A16_15 * k15[j]);
        }
        function.derivatives(Math.min(t0 + C16 * hh, cap), ys, params, k16);
        evaluations += 3;
        stagesReady = true;
    }

    /**
     * The coefficients of one component: {@code c0 = y1 - y0}, {@code c1 = h f0 - c0},
     * {@code c2 = c0 - h f1 - c1} (Hermite conditions at both ends) and {@code c3..c6} from the
     * stages (Hairer's {@code rcont2..rcont8}).
     */
    @Override
    void denseComponent(int j) {
        ensureStages();
        final double hh = stepSize;
        final double dy = y1[j] - y[j];
        final double bspl = hh * k1[j] - dy;
        d0[j] = dy;
        d1[j] = bspl;
        d2[j] = dy - hh * k13[j] - bspl;
        final double a1 = k1[j];
        final double a6 = k6[j];
        final double a7 = k7[j];
        final double a8 = k8[j];
        final double a9 = k9[j];
        final double a10 = k10[j];
        final double a11 = k11[j];
        final double a12 = k12[j];
        final double a13 = k13[j];
        final double a14 = k14[j];
        final double a15 = k15[j];
        final double a16 = k16[j];
        d3[j] = hh * (D3_1 * a1 + D3_6 * a6 + D3_7 * a7 + D3_8 * a8 + D3_9 * a9 + D3_10 * a10 + D3_11 * a11
                + D3_12 * a12 + D3_13 * a13 + D3_14 * a14 + D3_15 * a15 + D3_16 * a16);
        d4[j] = hh * (D4_1 * a1 + D4_6 * a6 + D4_7 * a7 + D4_8 * a8 + D4_9 * a9 + D4_10 * a10 + D4_11 * a11
                + D4_12 * a12 + D4_13 * a13 + D4_14 * a14 + D4_15 * a15 + D4_16 * a16);
        d5[j] = hh * (D5_1 * a1 + D5_6 * a6 + D5_7 * a7 + D5_8 * a8 + D5_9 * a9 + D5_10 * a10 + D5_11 * a11
                + D5_12 * a12 + D5_13 * a13 + D5_14 * a14 + D5_15 * a15 + D5_16 * a16);
        d6[j] = hh * (D6_1 * a1 + D6_6 * a6 + D6_7 * a7 + D6_8 * a8 + D6_9 * a9 + D6_10 * a10 + D6_11 * a11
                + D6_12 * a12 + D6_13 * a13 + D6_14 * a14 + D6_15 * a15 + D6_16 * a16);
        componentSerial[j] = stepSerial;
    }

    // --- DenseStep ------------------------------------------------------------------------------

    @Override
    public int degree() {
        return 7;
    }

    @Override
    public void interpolate(double time, double[] out) {
        ensureDenseOutput();
        final double s = (time - stepStart) / stepSize;
        final double s1 = 1.0 - s;
        for (int j = 0; j < n; j++) {
            out[j] = y[j] + s * (d0[j] + s1 * (d1[j] + s * (d2[j] + s1 * (d3[j] + s * (d4[j] + s1 * (d5[j]
                    + s * d6[j]))))));
        }
    }

    @Override
    public double interpolate(double time, int component) {
        final int j = component;
        if (!denseReady && componentSerial[j] != stepSerial) {
            denseComponent(j);
        }
        final double s = (time - stepStart) / stepSize;
        final double s1 = 1.0 - s;
        return y[j] + s * (d0[j] + s1 * (d1[j] + s * (d2[j] + s1 * (d3[j] + s * (d4[j] + s1 * (d5[j]
                + s * d6[j]))))));
    }

    /**
     * Degree-7 Bernstein coefficients of the summed interpolant over the full step (see
     * {@link #BERNSTEIN_WEIGHTS}); returns the round-off allowance (1e-14 times the terms' magnitude).
     */
    private double fullStepBernstein(int first, int count, double[] out) {
        double y0 = 0;
        double c0 = 0;
        double c1 = 0;
        double c2 = 0;
        double c3 = 0;
        double c4 = 0;
        double c5 = 0;
        double c6 = 0;
        for (int j = first; j < first + count; j++) {
            if (componentSerial[j] != stepSerial) {
                denseComponent(j);
            }
            y0 += y[j];
            c0 += d0[j];
            c1 += d1[j];
            c2 += d2[j];
            c3 += d3[j];
            c4 += d4[j];
            c5 += d5[j];
            c6 += d6[j];
        }
        final double[][] w = BERNSTEIN_WEIGHTS;
        for (int i = 0; i <= 7; i++) {
            out[i] = y0 + (c0 * w[0][i] + c1 * w[1][i] + c2 * w[2][i] + c3 * w[3][i] + c4 * w[4][i]
                    + c5 * w[5][i] + c6 * w[6][i]);
        }
        return 1e-14 * (Math.abs(y0) + Math.abs(c0) + Math.abs(c1) + Math.abs(c2) + Math.abs(c3) + Math.abs(c4)
                + Math.abs(c5) + Math.abs(c6));
    }

    /** The largest Bernstein coefficient plus the round-off allowance, over the full step. */
    @Override
    public double upperBound(int first, int count) {
        final double[] b = bernsteinCoefficients;
        final double margin = fullStepBernstein(first, count, b);
        double max = b[0];
        for (int i = 1; i <= 7; i++) {
            max = Math.max(max, b[i]);
        }
        return max + margin;
    }

    @Override
    public boolean bernstein(int first, int count, double[] out) {
        fullStepBernstein(first, count, out);
        if (truncated()) {
            StepSupport.leftPart(out, 7, (stepEnd - stepStart) / stepSize);
        }
        return true;
    }

    private static double[][] bernsteinWeights() {
        // exponents (a, b) of θ^a η^b for c0..c6
        final int[][] terms = {{1, 0}, {1, 1}, {2, 1}, {2, 2}, {3, 2}, {3, 3}, {4, 3}};
        final double[][] w = new double[terms.length][8];
        for (int r = 0; r < terms.length; r++) {
            final int a = terms[r][0];
            final int m = 7 - a - terms[r][1];
            for (int i = a; i <= a + m; i++) {
                w[r][i] = binomial(m, i - a) / binomial(7, i);
            }
        }
        return w;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
