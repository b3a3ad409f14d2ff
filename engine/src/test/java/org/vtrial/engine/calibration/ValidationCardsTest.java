package org.vtrial.engine.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vtrial.engine.stats.Estimate;
import org.vtrial.engine.trial.CohortLoader;

/**
 * The shipped cohorts against the published figures of their calibration files (conf/calibration-*.json),
 * and their validation cards (docs/validation/*.md).
 *
 * <p>Reference: the published values and their 95% intervals, from each figure's trial size (Wilson
 * score interval on {@code n}) or stated standard error, as the calibration files give them with
 * their sources (Maude 2018, Laetsch 2023, Stein 2019, Schuster 2019, Neelapu 2017, Munshi 2021).
 *
 * <p>Patients: each trial's own {@code patients_per_arm}, 4000. The binomial standard error of a
 * simulated proportion is then at most 0.8 percentage points, against published 95% half-widths of
 * 4 to 12 points (trials of 61 to 128 patients): the test asserts that this Monte-Carlo error is at
 * most a fifth of the half-width for every proportion, and, for every figure, proportions and medians
 * alike, that a second, independent set of 4000 patients (another trial seed, none of the patients the
 * calibration fitted on) lands inside the interval too, so that no claim rests on one draw.
 */
class ValidationCardsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static CohortEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new CohortEvaluator(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    static List<Path> calibrationFiles() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("conf"))) {
            return s.filter(p -> p.getFileName().toString().matches("calibration-.*\\.json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void everyShippedCohortHasACalibrationFileAndACard() throws Exception {
        final Set<String> cohorts = new TreeSet<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("cohorts"))) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
                cohorts.add(CohortLoader.load(p).name());
            }
        }
        final Set<String> calibrated = new TreeSet<>();
        for (Path f : calibrationFiles()) {
            calibrated.add(CalibrationLoader.load(f).trial().cohort().name());
        }
        assertEquals(Set.of("ball-pediatric-tisagenlecleucel-like", "lbcl-axicabtagene-like",
                "lbcl-tisagenlecleucel-like", "myeloma-idecabtagene-like"), cohorts);
        assertEquals(cohorts, calibrated, "each shipped cohort is calibrated by exactly one conf/calibration-*.json");
        final Set<String> cards = new TreeSet<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("docs").resolve("validation"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .forEach(n -> cards.add(n.substring(0, n.length() - 3)));
        }
        assertEquals(cohorts, cards, "docs/validation holds one card per shipped cohort and nothing else");
    }

    @ParameterizedTest
    @MethodSource("calibrationFiles")
    void shippedCohortLandsInsideThePublishedIntervalsAndItsCardIsCurrent(Path file) throws Exception {
        final CalibrationSpec c = CalibrationLoader.load(file);
        assertEquals(4000, c.trial().patientsPerArm(), "the validation trials simulate 4000 patients per arm");
        final Calibrator.Result r = ValidationCard.simulate(c, null, evaluator);

        final CalibrationSpec other = new CalibrationSpec(c.file(), c.name(), c.description(),
                c.trial().withSeed(c.trial().seed() + 1), c.patients(), c.cohortName(), c.free(), c.targets(),
                c.optimizer(), c.limits());
        final Calibrator.Result replicate = ValidationCard.simulate(other, null, evaluator);

        int claimed = 0;
        for (int i = 0; i < c.targets().size(); i++) {
            final Target t = c.targets().get(i);
            final Estimate e = t.interval();
            final String what = c.name() + " " + t.name() + " (published " + t.value() + ", 95% [" + e.lo() + ", "
                    + e.hi() + "]): simulated " + r.simulated()[i] + ", other seed " + replicate.simulated()[i];
            if (t.claimed()) {
                claimed++;
                assertTrue(t.inside(r.simulated()[i]), what);
                assertTrue(t.inside(replicate.simulated()[i]), what);
                if (t.statistic().proportion()) {
                    final double halfWidth = (e.hi() - e.lo()) / 2;
                    assertTrue(r.simulationError(i) <= 0.2 * halfWidth, what + ": Monte-Carlo error "
                            + r.simulationError(i) + " is not small against the half-width " + halfWidth);
                }
            } else {
                // a known miss: the card says it is not reproduced, which must stay true
                assertFalse(t.inside(r.simulated()[i]), what + " is now reproduced: make it a claimed figure");
                assertFalse(t.calibrate(), what);
            }
        }
        assertTrue(claimed >= 3, c.name() + " claims at least three figures");

        final Path card = ROOT.resolve("docs").resolve("validation").resolve(c.trial().cohort().name() + ".md");
        final String expected = ValidationCard.render(r, c.patients(), ROOT, ValidationCard.command(ROOT, c.file(), null));
        assertTrue(Files.isRegularFile(card), card + " is missing (bin/vtrial validation-card " + ROOT.relativize(file) + ")");
        assertEquals(expected, Files.readString(card, StandardCharsets.UTF_8),
                card + " is stale: regenerate it with " + ValidationCard.command(ROOT, c.file(), null));
    }
}
