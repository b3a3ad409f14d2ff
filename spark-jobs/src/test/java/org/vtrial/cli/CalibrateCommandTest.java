package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes of {@code vtrial calibrate} (CalibrateCommand's documented contract): 3 when the
 * evaluation budget runs out before the optimiser's stopping rule, 4 when it converges with a
 * calibrate target outside its published interval, 2 for bad input; each with the calibration
 * summary written and saying so. Small calibrations of the JULIET validation trial (50 patients).
 */
class CalibrateCommandTest {

    private static final Path TRIAL = Path.of("..", "conf", "validation-lbcl-juliet.json").toAbsolutePath().normalize();

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static Path calibration(Path dir, String fit, String target, String optimizer) throws Exception {
        final Path f = dir.resolve("calibration.json");
        Files.writeString(f, "{\"name\": \"exit-codes\", \"trial\": " + new ObjectMapper().writeValueAsString(TRIAL.toString())
                + ", \"patients\": 50, \"fit\": [" + fit + "], \"targets\": [" + target + "], \"optimizer\": "
                + optimizer + "}", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void budgetUsedUpIsReportedAsNotConvergedWithExitThree(@TempDir Path dir) throws Exception {
        // CMA-ES with a stopping radius it cannot reach in 4 evaluations: the budget ends the search
        final Path f = calibration(dir,
                "{\"parameter\": \"rho\", \"field\": \"median\", \"lower\": 0.1, \"upper\": 2.5, \"start\": 0.25}",
                "{\"name\": \"cr\", \"statistic\": \"cr\", \"value\": 0.40, \"n\": 93, \"source\": \"JULIET\"}",
                "{\"method\": \"cmaes\", \"max_evaluations\": 4, \"initial_radius\": 0.3, \"stopping_radius\": 1e-6, \"seed\": 1}");
        final Path out = dir.resolve("run");
        final CliRun r = run("calibrate", f.toString(), "--out", out.toString(), "--quiet");
        assertEquals(CalibrateCommand.EXIT_NOT_CONVERGED, r.code(), r.out() + r.err());
        assertEquals(3, CalibrateCommand.EXIT_NOT_CONVERGED);
        assertTrue(r.err().contains("not converged: the budget of 4 evaluations was used up"), r.err());
        final JsonNode summary = new ObjectMapper().readTree(out.resolve("calibration.json").toFile());
        assertFalse(summary.get("converged").asBoolean());
        assertEquals(4, summary.get("evaluations").asInt());
        // the best point found is still written, with its trace: header + one row per evaluation
        assertTrue(Files.isRegularFile(out.resolve("cohort.json")));
        final List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
        assertEquals(1 + 4, trace.size(), String.join("\n", trace));
    }

    @Test
    void convergedButOutsideTheIntervalExitsWithFour(@TempDir Path dir) throws Exception {
        // q_6 sets IL-6, not tumor kill: no value of its median or spread moves CR from about 40% to the 99% asked for,
        // so BOBYQA's trust region shrinks to its stopping radius on a flat objective
        final Path f = calibration(dir,
                "{\"parameter\": \"q_6\", \"field\": \"median\", \"lower\": 100, \"upper\": 10000, \"start\": 1000},"
                        + " {\"parameter\": \"q_6\", \"field\": \"cv\", \"lower\": 0.2, \"upper\": 2, \"start\": 1}",
                "{\"name\": \"cr\", \"statistic\": \"cr\", \"value\": 0.99, \"n\": 93, \"source\": \"unreachable on purpose\"}",
                "{\"method\": \"bobyqa\", \"max_evaluations\": 60, \"initial_radius\": 0.2, \"stopping_radius\": 0.05}");
        final Path out = dir.resolve("run");
        final CliRun r = run("calibrate", f.toString(), "--out", out.toString(), "--quiet");
        assertEquals(CalibrateCommand.EXIT_TARGETS_MISSED, r.code(), r.out() + r.err());
        assertEquals(4, CalibrateCommand.EXIT_TARGETS_MISSED);
        assertTrue(r.err().contains("converged, but 1 calibrate target(s) lie outside their published 95% interval"), r.err());
        final JsonNode summary = new ObjectMapper().readTree(out.resolve("calibration.json").toFile());
        assertTrue(summary.get("converged").asBoolean());
        assertEquals(1, summary.get("targets_outside_95").asInt());
        assertFalse(summary.get("targets").get(0).get("inside_95").asBoolean());
    }

    @Test
    void notReproducedOnACalibrateTargetIsBadInputNamingTheField(@TempDir Path dir) throws Exception {
        final Path f = calibration(dir,
                "{\"parameter\": \"rho\", \"field\": \"median\", \"lower\": 0.1, \"upper\": 2.5, \"start\": 0.25}",
                "{\"name\": \"cr\", \"statistic\": \"cr\", \"value\": 0.40, \"n\": 93, \"source\": \"JULIET\","
                        + " \"not_reproduced\": \"a reason\"}",
                "{\"method\": \"cmaes\"}");
        final CliRun r = run("calibrate", f.toString(), "--out", dir.resolve("run").toString());
        assertEquals(VTrial.EXIT_BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("calibration.json:1:") && r.err().contains("$.targets[0].not_reproduced")
                && r.err().contains("role \"check\" only"), r.err());
    }
}
