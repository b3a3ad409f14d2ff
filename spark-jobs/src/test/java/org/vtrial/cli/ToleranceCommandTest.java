package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vtrial tolerance}: one table row per studied tolerance; bad settings named, exit code 2. */
class ToleranceCommandTest {

    private static final String QUICKSTART = Path.of("..", "conf", "quickstart.json").toString();

    @Test
    void printsOneRowPerTolerance(@TempDir Path dir) throws Exception {
        final Path json = dir.resolve("study.json");
        final CliRun r = CliRun.of("tolerance", QUICKSTART, "--patients", "3", "--rtols", "1e-4,1e-6", "--rounds", "1",
                "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        final JsonNode study = new ObjectMapper().readTree(json.toFile());
        assertEquals(6, study.get("patients").asInt());
        assertEquals(2, study.get("tolerances").size());
        assertEquals(1e-4, study.get("tolerances").get(0).get("rtol").asDouble(), 0.0);
        final JsonNode cmax = study.get("tolerances").get(0).get("endpoints").get("cmax");
        assertTrue(cmax.get("worst_relative").asDouble() > 0 && cmax.get("worst_relative").asDouble() < 1e-3, cmax.toString());
        assertTrue(study.get("tolerances").get(0).get("endpoints").get("tmax").has("worst_days"));
        assertEquals(0, study.get("tolerances").get(0).get("endpoints").get("crs_grade").get("patients_changed").asInt());
        assertEquals("tsit5", study.get("tolerances").get(0).get("method").asText(), "the trial's method (the default)");
        assertEquals("dp853", study.get("reference_method").asText());
        assertTrue(r.out().startsWith("quickstart: 6 patients (the first of each arm), worst difference from dp853 at "
                + "rtol 1e-11"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.trim().startsWith("tsit5")).count(), r.out());
    }

    @Test
    void studiesSeveralMethodsSideBySide(@TempDir Path dir) throws Exception {
        final Path json = dir.resolve("study.json");
        final CliRun r = CliRun.of("tolerance", QUICKSTART, "--patients", "2", "--rtols", "1e-6", "--rounds", "1",
                "--methods", "dp54,DP853", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        final JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("tolerances");
        assertEquals(2, rows.size());
        assertEquals("dp54", rows.get(0).get("method").asText());
        assertEquals("dp853", rows.get(1).get("method").asText());
        assertTrue(rows.get(1).get("steps_per_patient").asDouble() < rows.get(0).get("steps_per_patient").asDouble(),
                "the order-8 method takes fewer steps: " + rows);
        final CliRun bad = CliRun.of("tolerance", QUICKSTART, "--methods", "dp54,rk4");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--methods: unknown integration method 'rk4' (choose dp54, tsit5 or dp853)"), bad.err());
    }

    @Test
    void badSettingsExitWithTwo() {
        final CliRun r = CliRun.of("tolerance", QUICKSTART, "--rtols", "1e-4,2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--rtols: relative tolerance must be in [1e-12, 1), got 2.0"), r.err());
        final CliRun json = CliRun.of("tolerance", QUICKSTART, "--json", Path.of("no-such-folder", "s.json").toString());
        assertEquals(2, json.code());
        assertTrue(json.err().contains("--json"), json.err());
        final CliRun patients = CliRun.of("tolerance", QUICKSTART, "--patients", "500");
        assertEquals(2, patients.code());
        assertTrue(patients.err().contains("--patients: 500 is outside [1, 200]"), patients.err());
    }
}
