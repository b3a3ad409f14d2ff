package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.sampling.PopulationSampler;

/**
 * The population generator's contract: a patient's parameters are a pure function of (seed,
 * replicate, arm, patient index); generation order, threads and repeated runs change nothing;
 * arms share patients by default (common random numbers); different seeds give independent
 * streams; sampling allocates nothing.
 *
 * <p>Statistical checks: correlations allow 5/sqrt(n) (false alarm 5.7e-7 each), the 10x10
 * contingency chi-square the 1 - 1e-4 quantile of chi-square(81); fixed seeds.
 */
class PopulationSamplerTest {

    @TempDir
    Path dir;

    private TrialSpec trial;
    private int nParams;

    @BeforeEach
    void load() throws Exception {
        Fixtures.write(dir, "cohort.json", Fixtures.COHORT);
        trial = TrialLoader.load(Fixtures.write(dir, "trial.json", Fixtures.TRIAL), FakeCartModel::lookup);
        nParams = trial.model().parameters().size();
    }

    private TrialSpec variant(String from, String to) throws Exception {
        return TrialLoader.load(Fixtures.write(dir, "variant.json", Fixtures.replace(Fixtures.TRIAL, from, to)),
                FakeCartModel::lookup);
    }

    private double[] row(PopulationSampler s, int replicate, int arm, long patient) {
        final double[] p = new double[nParams];
        s.sample(replicate, arm, patient, p);
        return p;
    }

    @Test
    void sameKeyGivesIdenticalParameters() {
        final PopulationSampler a = PopulationSampler.create(trial);
        final PopulationSampler b = PopulationSampler.create(trial);
        for (long i = 0; i < 2000; i++) {
            final double[] x = row(a, (int) (i % 5), (int) (i % 3), i * 7919);
            // Interleave other keys in b so that any hidden state would show.
            row(b, 4, 2, i + 1);
            assertArrayEquals(x, row(b, (int) (i % 5), (int) (i % 3), i * 7919), 0.0);
        }
    }

    @Test
    void shuffledOrderAndThreadsGiveIdenticalRows() throws Exception {
        final int n = 5000;
        final PopulationSampler inOrder = PopulationSampler.create(trial);
        final double[][] expected = new double[n][];
        for (int i = 0; i < n; i++) {
            expected[i] = row(inOrder, 2, 1, i);
        }
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        final double[][] got = new double[n][];
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int lane = t;
                jobs.add(pool.submit(() -> {
                    final PopulationSampler mine = PopulationSampler.create(trial);
                    for (int k = lane; k < n; k += 4) {
                        final int i = order.get(k);
                        got[i] = row(mine, 2, 1, i);
                    }
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expected[i], got[i], 0.0, "patient " + i);
        }
    }

    @Test
    void armsShareTheirPatientsByDefault() {
        final PopulationSampler s = PopulationSampler.create(trial);
        final List<String> sampled = trial.sampledParameters();
        final int r = trial.model().parameters().indexOf("r");
        final int tpos = trial.model().parameters().indexOf("Tpos0");
        final int rho = trial.model().parameters().indexOf("rho");
        final int kA = trial.model().parameters().indexOf("k_A");
        assertEquals(List.of("r", "rho", "k_A", "Tpos0"), sampled);
        for (long i = 0; i < 1000; i++) {
            final double[] a = row(s, 1, 0, i);
            final double[] b = row(s, 1, 1, i);
            final double[] c = row(s, 1, 2, i);
            // Parameters whose distribution does not depend on the arm: the same values.
            assertEquals(a[r], b[r], 0.0);
            assertEquals(a[tpos], c[tpos], 0.0);
            assertEquals(a[kA], c[kA], 0.0);
            // rho's median follows the product preset (1.2 CD28, 0.9 4-1BB): the same quantile, so
            // rho / median is the same number for the patient in every arm.
            assertEquals(a[rho] / 1.2, b[rho] / 0.9, 1e-14 * a[rho]);
            assertEquals(a[rho], c[rho], 0.0);
        }
    }

    @Test
    void armsGetTheirOwnPatientsWhenAsked() throws Exception {
        final TrialSpec own = variant("\"trajectory_sample\": 10,", "\"trajectory_sample\": 10, \"common_random_numbers\": false,");
        assertFalse(own.commonRandomNumbers());
        final PopulationSampler s = PopulationSampler.create(own);
        final PopulationSampler shared = PopulationSampler.create(trial);
        final int r = own.model().parameters().indexOf("r");
        int equal = 0;
        for (long i = 0; i < 1000; i++) {
            if (row(s, 0, 0, i)[r] == row(s, 0, 2, i)[r]) {
                equal++;
            }
        }
        assertEquals(0, equal);
        // Without common random numbers arm a uses lane a + 1, so no arm reproduces the shared lane.
        assertFalse(row(s, 0, 0, 5)[r] == row(shared, 0, 0, 5)[r]);
    }

    @Test
    void mapDrivesTheSameMappingWithAnyCubePoint() {
        final PopulationSampler s = PopulationSampler.create(trial);
        final double[] u = new double[s.dimension()];
        final double[] viaMap = new double[nParams];
        for (long i = 0; i < 500; i++) {
            s.uniforms(3, 0, i, u);
            final double[] copy = u.clone();
            s.map(3, 0, u, viaMap);
            assertArrayEquals(copy, u, 0.0, "map must not modify the cube point");
            assertArrayEquals(row(s, 3, 0, i), viaMap, 0.0);
        }
        // A quasi-random design's point: the centre of the cube gives each parameter its median
        // (the copula maps the centre to itself since Phi^-1(1/2) = 0).
        java.util.Arrays.fill(u, 0.5);
        s.map(0, 0, u, viaMap);
        for (int j = 0; j < s.dimension(); j++) {
            final int index = trial.population().sampledIndex(j);
            assertEquals(trial.population().marginal(0, 0, j).median(), viaMap[index], 1e-12 * Math.abs(viaMap[index]));
        }
    }

    @Test
    void differentSeedsGiveIndependentStreams() throws Exception {
        final TrialSpec other = trial.withSeed(12346);
        final PopulationSampler a = PopulationSampler.create(trial);
        final PopulationSampler b = PopulationSampler.create(other);
        final int n = 100_000;
        final double[] ua = new double[a.dimension()];
        final double[] ub = new double[b.dimension()];
        final long[][] table = new long[10][10];
        double sxy = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double within = 0;
        for (long i = 0; i < n; i++) {
            a.uniforms(0, 0, i, ua);
            b.uniforms(0, 0, i, ub);
            table[(int) (ua[0] * 10)][(int) (ub[0] * 10)]++;
            sx += ua[0];
            sy += ub[0];
            sxy += ua[0] * ub[0];
            sxx += ua[0] * ua[0];
            syy += ub[0] * ub[0];
            within += (ua[0] - 0.5) * (ua[1] - 0.5);
        }
        final double cov = sxy / n - sx / n * sy / n;
        final double corr = cov / Math.sqrt((sxx / n - sx * sx / n / n) * (syy / n - sy * sy / n / n));
        assertEquals(0.0, corr, 5 / Math.sqrt(n), "correlation between seeds");
        // Two coordinates of one patient are independent too: E[(u0 - 1/2)(u1 - 1/2)] = 0, sd 1/12/sqrt(n).
        assertEquals(0.0, within / n, 5.0 / 12 / Math.sqrt(n));
        double chi2 = 0;
        final double expected = n / 100.0;
        for (long[] rowCounts : table) {
            for (long c : rowCounts) {
                chi2 += (c - expected) * (c - expected) / expected;
            }
        }
        // Independence test on the 10x10 table (uniform margins known): 99 degrees of freedom.
        final double critical = new ChiSquaredDistribution(99).inverseCumulativeProbability(1 - 1e-4);
        assertTrue(chi2 < critical, "chi-square " + chi2 + " >= " + critical);
    }

    @Test
    void eachParameterHasItsDocumentedPlaceInThePatientsStream() {
        // Reference: commons-rng's PHILOX_4X64 seeded with (seed, purpose, k div 4, patient, replicate, lane);
        // the uniform of model parameter k is its output k mod 4, mapped to (bits >>> 12 + 1/2) 2^-52.
        final PopulationSampler s = PopulationSampler.create(trial);
        final double[] u = new double[s.dimension()];
        for (long patient : new long[] {0, 1, 977, 99_999_999L}) {
            for (int rep = 0; rep < 5; rep++) {
                s.uniforms(rep, 2, patient, u);
                for (int j = 0; j < u.length; j++) {
                    final int k = trial.population().sampledIndex(j);
                    final org.apache.commons.rng.UniformRandomProvider ref = org.apache.commons.rng.simple.RandomSource.PHILOX_4X64
                            .create(new long[] {trial.seed(), org.vtrial.engine.sampling.RandomStreams.PATIENT_PARAMETERS,
                                k / 4, patient, rep, 0});
                    long bits = 0;
                    for (int q = 0; q <= k % 4; q++) {
                        bits = ref.nextLong();
                    }
                    assertEquals(((bits >>> 12) + 0.5) * 0x1.0p-52, u[j], 0.0, "parameter " + k + " patient " + patient);
                }
            }
        }
    }

    @Test
    void samplingOneMoreParameterLeavesTheOthersUnchanged() throws Exception {
        final String cohort = Fixtures.replace(Fixtures.COHORT, "\"growth\": {",
                "\"f_mem\": {\"distribution\": \"uniform\", \"min\": 0.05, \"max\": 0.3, \"source\": \"s7\"},\n    \"growth\": {");
        Fixtures.write(dir, "wider.json", cohort);
        final TrialSpec wider = TrialLoader.load(Fixtures.write(dir, "wider-trial.json",
                Fixtures.replace(Fixtures.TRIAL, "\"cohort\": \"cohort.json\"", "\"cohort\": \"wider.json\"")), FakeCartModel::lookup);
        assertEquals(List.of("r", "rho", "k_A", "Tpos0", "f_mem"), wider.sampledParameters());
        final PopulationSampler a = PopulationSampler.create(trial);
        final PopulationSampler b = PopulationSampler.create(wider);
        final int fMem = trial.model().parameters().indexOf("f_mem");
        for (long i = 0; i < 500; i++) {
            final double[] x = row(a, 1, 0, i);
            final double[] y = row(b, 1, 0, i);
            assertTrue(y[fMem] >= 0.05 && y[fMem] <= 0.3);
            y[fMem] = x[fMem];
            assertArrayEquals(x, y, 0.0, "patient " + i);
        }
    }

    @Test
    void replicatesHaveTheirOwnPatients() {
        final PopulationSampler s = PopulationSampler.create(trial);
        final double[] u0 = new double[s.dimension()];
        final double[] u1 = new double[s.dimension()];
        s.uniforms(0, 0, 42, u0);
        s.uniforms(1, 0, 42, u1);
        assertFalse(java.util.Arrays.equals(u0, u1));
    }

    @Test
    void samplingAllocatesNothing() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final PopulationSampler s = PopulationSampler.create(trial);
        final double[] p = new double[nParams];
        double sink = 0;
        for (long i = 0; i < 50_000; i++) {
            s.sample((int) (i % 5), (int) (i % 3), i, p);
            sink += p[0];
        }
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        final int n = 200_000;
        final long start = System.nanoTime();
        for (long i = 0; i < n; i++) {
            s.sample((int) (i % 5), (int) (i % 3), i, p);
            sink += p[0];
        }
        final long nanos = System.nanoTime() - start;
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(sink > 0);
        // One object per patient would be >= 16 bytes each, 3.2 MB in all; allow only the measurement's own noise.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for " + n + " patients");
        System.out.printf("population sampling: %.0f ns per patient (4 sampled parameters, 2 correlated)%n",
                (double) nanos / n);
    }
}
