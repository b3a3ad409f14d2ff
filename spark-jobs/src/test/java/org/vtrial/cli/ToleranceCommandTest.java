package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code vtrial tolerance}: one table row per studied tolerance; bad settings named, exit code 2. */
class ToleranceCommandTest {

    private static final String QUICKSTART = Path.of("..", "conf", "quickstart.json").toString();

    @Test
    void printsOneRowPerTolerance() {
        final CliRun r = CliRun.of("tolerance", QUICKSTART, "--patients", "3", "--rtols", "1e-4,1e-6", "--rounds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("quickstart: 6 patients (the first of each arm), worst difference from rtol 1e-11"),
                r.out());
        assertEquals(2, r.out().lines().filter(l -> l.trim().startsWith("1e-04") || l.trim().startsWith("1e-06")).count(),
                r.out());
    }

    @Test
    void badSettingsExitWithTwo() {
        final CliRun r = CliRun.of("tolerance", QUICKSTART, "--rtols", "1e-4,2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--rtols: relative tolerance must be in [1e-12, 1), got 2.0"), r.err());
        final CliRun patients = CliRun.of("tolerance", QUICKSTART, "--patients", "500");
        assertEquals(2, patients.code());
        assertTrue(patients.err().contains("--patients: 500 is outside [1, 200]"), patients.err());
    }
}
