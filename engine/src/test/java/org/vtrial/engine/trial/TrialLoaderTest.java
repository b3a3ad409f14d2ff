package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sampling.Marginal;
import org.vtrial.engine.sampling.Population;
import org.vtrial.engine.sampling.PopulationSampler;
import org.vtrial.engine.sim.Regimen;

/** Loading a valid trial: every field arrives where the Spark job reads it; precedence of values. */
class TrialLoaderTest {

    @TempDir
    Path dir;

    private TrialSpec load() throws Exception {
        Fixtures.write(dir, "cohort.json", Fixtures.COHORT);
        return TrialLoader.load(Fixtures.write(dir, "trial.json", Fixtures.TRIAL), FakeCartModel::lookup);
    }

    @Test
    void fieldsArriveAsWritten() throws Exception {
        final TrialSpec t = load();
        assertEquals("test-trial", t.name());
        assertEquals(FakeCartModel.NAME, t.model().name());
        assertEquals(12345L, t.seed());
        assertEquals(1000L, t.patientsPerArm());
        assertEquals(365.0, t.horizonDays(), 0.0);
        assertEquals(List.of("A", "B", "C"), t.armNames());
        assertEquals(0, t.referenceArm());
        assertEquals(5, t.replicates());
        assertEquals(2, t.uncertainty().size());
        assertEquals(10, t.trajectorySample());
        assertTrue(t.commonRandomNumbers());
        // Endpoint settings in the simulator's order: cr_threshold given, detection_limit default.
        assertArrayEquals(new double[] {0.02, 1e6}, t.endpointSettings(), 0.0);
        assertEquals(Regimen.single(0, 1e8), t.regimen(0));
        assertEquals(2, t.regimen(1).size());
        assertEquals(1e8, t.regimen(1).totalCells(), 0.0);
        // Arm C gives no doses: the model's default regimen.
        assertEquals(0, t.regimen(2).size());
        // Sampled parameters in model parameter order (not file order).
        assertEquals(List.of("r", "rho", "k_A", "Tpos0"), t.sampledParameters());
        assertEquals(dir.resolve("cohort.json").normalize(), t.cohort().file());
        assertEquals("test population", t.cohort().provenance().population());
    }

    @Test
    void precedenceDefaultsPresetConditioningCohortOverrides() throws Exception {
        final TrialSpec t = load();
        final Population pop = t.population();
        final int lambda = t.model().parameters().indexOf("lambda_LD");
        final int tLd = t.model().parameters().indexOf("t_LD");
        final int growth = t.model().parameters().indexOf("growth");
        final int fMem = t.model().parameters().indexOf("f_mem");
        final int kA = t.model().parameters().indexOf("k_A");
        // Arm A: conditioning standard sets lambda_LD 0.8 and t_LD -5; the cohort's fixed t_LD -7 wins over it.
        assertEquals(0.8, pop.base(0, 0)[lambda], 0.0);
        assertEquals(-7.0, pop.base(0, 0)[tLd], 0.0);
        // Arm B names no conditioning: the cohort's arm default (standard); its override t_LD -3 wins over the cohort.
        assertEquals("standard", t.arms().get(1).conditioning());
        assertEquals(0.8, pop.base(0, 1)[lambda], 0.0);
        assertEquals(-3.0, pop.base(0, 1)[tLd], 0.0);
        // Arm C: conditioning none.
        assertEquals(0.0, pop.base(0, 2)[lambda], 0.0);
        // Cohort fixed choice, and a model default nobody touches.
        assertEquals(2.0, pop.base(0, 0)[growth], 0.0);
        assertEquals(0.1, pop.base(0, 2)[fMem], 0.0);
        // Arm B overrides a sampled parameter: every patient gets 2.0.
        final PopulationSampler s = PopulationSampler.create(t);
        final double[] p = new double[t.model().parameters().size()];
        for (long i = 0; i < 100; i++) {
            s.sample(0, 1, i, p);
            assertEquals(2.0, p[kA], 0.0);
            s.sample(0, 0, i, p);
            assertTrue(p[kA] >= 0.5 && p[kA] <= 1.5);
        }
    }

    @Test
    void replicatesRedrawPopulationLevelValues() throws Exception {
        final TrialSpec t = load();
        final Population pop = t.population();
        final int rho = t.sampledParameters().indexOf("rho");
        final int r = t.sampledParameters().indexOf("r");
        for (int rep = 0; rep < t.replicates(); rep++) {
            final double factor = pop.uncertaintyDraw(rep, 0);
            final double rMedian = pop.uncertaintyDraw(rep, 1);
            assertTrue(factor > 0);
            assertTrue(rMedian >= 0.04 && rMedian <= 0.06);
            // rho: median "preset" (1.2 for CD28 in arm A, 0.9 for 4-1BB in arm B) times the replicate's factor.
            assertEquals(1.2 * factor, pop.marginal(rep, 0, rho).median(), 1e-12 * factor);
            assertEquals(0.9 * factor, pop.marginal(rep, 1, rho).median(), 1e-12 * factor);
            // r: the replicate's drawn median replaces the cohort's 0.05.
            assertEquals(rMedian, pop.marginal(rep, 0, r).median(), 1e-15);
        }
        assertTrue(pop.uncertaintyDraw(0, 1) != pop.uncertaintyDraw(1, 1));
        // The draws are a pure function of the seed: loading again gives the same values.
        assertEquals(pop.uncertaintyDraw(3, 0), load().population().uncertaintyDraw(3, 0), 0.0);
        // Another seed redraws them.
        final TrialSpec other = t.withSeed(999);
        assertEquals(999L, other.seed());
        assertTrue(other.population().uncertaintyDraw(3, 0) != pop.uncertaintyDraw(3, 0));
    }

    @Test
    void uncertaintyRedrawsAFixedValuePerReplicate() throws Exception {
        Fixtures.write(dir, "cohort.json", Fixtures.COHORT);
        final String text = Fixtures.replace(Fixtures.TRIAL, "\"source\": \"u2\"}",
                "\"source\": \"u2\"},\n    {\"parameter\": \"t_LD\", \"field\": \"value\", \"value\": {\"distribution\": \"uniform\", \"min\": -10, \"max\": -4}, \"source\": \"u3\"}");
        final TrialSpec t = TrialLoader.load(Fixtures.write(dir, "trial.json", text), FakeCartModel::lookup);
        final Population pop = t.population();
        final int tLd = t.model().parameters().indexOf("t_LD");
        for (int rep = 0; rep < t.replicates(); rep++) {
            final double drawn = pop.uncertaintyDraw(rep, 2);
            assertTrue(drawn >= -10 && drawn <= -4);
            assertEquals(drawn, pop.base(rep, 0)[tLd], 0.0);
            assertEquals(drawn, pop.base(rep, 2)[tLd], 0.0);
            // Arm B's override still wins.
            assertEquals(-3.0, pop.base(rep, 1)[tLd], 0.0);
        }
        assertTrue(pop.base(0, 0)[tLd] != pop.base(1, 0)[tLd]);
        // Fixed values stay fixed: t_LD is not a sampled parameter.
        assertEquals(List.of("r", "rho", "k_A", "Tpos0"), t.sampledParameters());
    }

    @Test
    void patientsOverride() throws Exception {
        final TrialSpec t = load();
        final TrialSpec small = t.withPatientsPerArm(4);
        assertEquals(4, small.patientsPerArm());
        assertEquals(4, small.trajectorySample());
        assertEquals(10, t.withPatientsPerArm(TrialSpec.MAX_PATIENTS_PER_ARM).trajectorySample());
        final BadInputException e = assertThrows(BadInputException.class,
                () -> t.withPatientsPerArm(TrialSpec.MAX_PATIENTS_PER_ARM + 1));
        assertTrue(e.getMessage().contains("--patients"), e.getMessage());
        assertThrows(BadInputException.class, () -> t.withPatientsPerArm(0));
    }

    @Test
    void relativeToleranceDefaultsAndOverride() throws Exception {
        final TrialSpec t = load();
        assertEquals(1e-6, t.relativeTolerance(), 0.0);
        Fixtures.write(dir, "cohort.json", Fixtures.COHORT);
        final String text = Fixtures.replace(Fixtures.TRIAL, "\"horizon_days\": 365", "\"horizon_days\": 365, \"rtol\": 1e-8");
        final TrialSpec tight = TrialLoader.load(Fixtures.write(dir, "trial.json", text), FakeCartModel::lookup);
        assertEquals(1e-8, tight.relativeTolerance(), 0.0);
        assertEquals(1e-4, tight.withRelativeTolerance(1e-4).relativeTolerance(), 0.0);
        assertEquals(tight.patientsPerArm(), tight.withRelativeTolerance(1e-4).patientsPerArm());
        final BadInputException e = assertThrows(BadInputException.class, () -> t.withRelativeTolerance(1e-13));
        assertTrue(e.getMessage().contains("--rtol: relative tolerance must be in [1e-12, 1), got 1.0E-13"), e.getMessage());
        assertThrows(BadInputException.class, () -> t.withRelativeTolerance(Double.NaN));
    }

    @Test
    void integrationMethodDefaultsAndOverride() throws Exception {
        final TrialSpec t = load();
        assertEquals(OdeMethod.TSIT5, t.method(), "no method in the file: tsit5");
        Fixtures.write(dir, "cohort.json", Fixtures.COHORT);
        final String text = Fixtures.replace(Fixtures.TRIAL, "\"horizon_days\": 365", "\"horizon_days\": 365, \"method\": \"DP853\"");
        final TrialSpec high = TrialLoader.load(Fixtures.write(dir, "trial.json", text), FakeCartModel::lookup);
        assertEquals(OdeMethod.DP853, high.method(), "names are case-insensitive");
        assertEquals(OdeMethod.DP54, high.withMethod(OdeMethod.DP54).method());
        assertEquals(high.relativeTolerance(), high.withMethod(OdeMethod.DP54).relativeTolerance(), 0.0);
        assertEquals(OdeMethod.DP853, high.withRelativeTolerance(1e-8).method(), "other overrides keep the method");
    }

    @Test
    void cohortAloneLoadsWithItsArmDefaults() throws Exception {
        final CohortSpec c = CohortLoader.load(Fixtures.write(dir, "cohort.json", Fixtures.COHORT), FakeCartModel::lookup);
        assertEquals("4-1BB", c.defaultPreset());
        assertEquals(List.of("r", "rho", "k_A", "Tpos0"), c.variedParameters());
        assertEquals(Marginal.Kind.LOGNORMAL, c.parameter("rho").distribution().kind());
        assertEquals("median", c.parameter("rho").distribution().anchoredField());
        assertEquals(List.of("r", "Tpos0"), c.correlation().parameters());
        assertNull(c.parameter("K"));
    }

    @Test
    void withoutReplicatesThereIsOneNominalReplicate() throws Exception {
        Fixtures.write(dir, "cohort.json", Fixtures.COHORT);
        final String text = Fixtures.TRIAL.substring(0, Fixtures.TRIAL.indexOf(",\n  \"replicates\"")) + "\n}\n";
        final TrialSpec t = TrialLoader.load(Fixtures.write(dir, "trial.json", text), FakeCartModel::lookup);
        assertEquals(1, t.replicates());
        assertEquals(0, t.population().uncertaintyEntries());
        // Nominal values: rho's median is the preset's.
        assertEquals(1.2, t.population().marginal(0, 0, t.sampledParameters().indexOf("rho")).median(), 1e-12);
    }
}
