package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.ParameterSpec;
import org.vtrial.engine.sampling.PopulationSampler;

/**
 * Every shipped cohort (cohorts/) and trial (conf/) loads with the built-in models, and every arm
 * of every trial samples patients within the model's admissible parameter ranges.
 */
class ShippedFilesTest {

    @Test
    void everyShippedCohortLoads() throws Exception {
        final List<Path> cohorts = ProjectFiles.json("cohorts");
        assertTrue(cohorts.size() >= 4, cohorts.toString());
        for (Path p : cohorts) {
            final CohortSpec c = CohortLoader.load(p);
            assertTrue(!c.provenance().population().isBlank() && !c.parameters().isEmpty(), p.toString());
        }
    }

    @Test
    void everyShippedTrialLoadsAndSamples() throws Exception {
        final List<Path> trials = new ArrayList<>();
        for (Path p : ProjectFiles.json("conf")) {
            if (InputFiles.kindOf(p, new ArrayList<>()) == InputFiles.Kind.TRIAL) {
                trials.add(p);
            }
        }
        assertTrue(trials.size() >= 4, trials.toString());
        for (Path p : trials) {
            final TrialSpec t = TrialLoader.load(p);
            final PopulationSampler s = PopulationSampler.create(t);
            final double[] params = new double[t.model().parameters().size()];
            for (int r = 0; r < t.replicates(); r++) {
                for (int a = 0; a < t.arms().size(); a++) {
                    for (long i = 0; i < 200; i++) {
                        s.sample(r, a, i, params);
                        for (int k = 0; k < params.length; k++) {
                            final ParameterSpec spec = t.model().parameters().get(k);
                            assertTrue(params[k] >= spec.min() && params[k] <= spec.max(),
                                    p + " replicate " + r + " arm " + a + " patient " + i + ": " + spec.name() + " = " + params[k]);
                        }
                    }
                }
            }
            for (double v : t.endpointSettings()) {
                assertTrue(Double.isFinite(v), p + ": endpoint settings " + java.util.Arrays.toString(t.endpointSettings()));
            }
        }
    }
}
