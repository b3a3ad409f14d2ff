package org.vtrial.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.cli.VTrial;

/** {@code vtrial gsa} (the command line): exit codes, messages, the printed ranking. */
class GsaCommandLineTest {

    @TempDir
    Path dir;

    /** The command takes the active session: make it the tests' shared one whatever the class order. */
    @BeforeAll
    static void session() {
        SparkTestSupport.spark();
    }

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome gsa(String... args) {
        final String[] all = new String[args.length + 1];
        all[0] = "gsa";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    private static Outcome run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = VTrial.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aBadSpecIsRefusedWithEveryProblemAndNothingIsWritten() throws Exception {
        final Path spec = dir.resolve("bad.json");
        Files.writeString(spec, "{\n  \"name\": \"b\",\n  \"model\": {\"name\": \"ishigami\"},\n"
                + "  \"parameters\": [],\n  \"outputs\": [\"y\"],\n  \"method\": {\"type\": \"sobol\", \"N\": 100, \"seed\": 1}\n}\n");
        final Outcome o = gsa(spec.toString(), "--out", dir.resolve("run").toString());
        assertEquals(VTrial.EXIT_BAD_INPUT, o.code());
        assertTrue(o.err().contains("bad.json:4:3: $.parameters: at least one parameter must vary"), o.err());
        assertTrue(o.err().contains("bad.json:6:31: $.method.N: N = 100 is not a power of two"), o.err());
        assertFalse(Files.exists(dir.resolve("run")));
        assertEquals(VTrial.EXIT_BAD_INPUT, gsa(spec.toString(), "--out", "x", "--partitions", "0").code());
        assertEquals(VTrial.EXIT_BAD_INPUT, gsa(dir.resolve("missing.json").toString(), "--out", "x").code());
    }

    @Test
    void aMorrisScreeningRunsPrintsTheRankingAndRefusesToOverwriteSilently() {
        final String run = dir.resolve("morris").toString();
        final Outcome o = gsa(Path.of("..", "conf", "gsa-gfunction-morris.json").toString(), "--out", run,
                "--partitions", "2");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("gsa gfunction-morris: morris of g-function, 8 parameters, 1 outputs; 900 points "
                + "in 2 partitions"), o.out());
        assertTrue(o.out().contains("points by status: OK 900"), o.out());
        // x1 (a = 0) ranks first by mu_star
        assertTrue(o.out().matches("(?s).*rank\\s+parameter\\s+mu_star.*\\n\\s+1\\s+x1\\s.*"), o.out());
        assertTrue(Files.exists(Path.of(run, "manifest.json")));
        final Outcome again = gsa(Path.of("..", "conf", "gsa-gfunction-morris.json").toString(), "--out", run);
        assertEquals(VTrial.EXIT_BAD_INPUT, again.code());
        assertTrue(again.err().contains("use --overwrite"), again.err());
    }

    @Test
    void validateChecksSensitivitySpecsWithoutRunningThem() throws Exception {
        final Outcome ok = run("validate", Path.of("..", "conf", "gsa-cart.json").toString(),
                Path.of("..", "conf", "gsa-gfunction-morris.json").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("gsa-cart.json: sensitivity analysis 'cart', sobol of cart, 13 parameter(s), "
                + "3 output(s), 61440 points"), ok.out());
        assertTrue(ok.out().contains("gsa-gfunction-morris.json: sensitivity analysis 'gfunction-morris', morris"), ok.out());
        final Path bad = dir.resolve("gsa-bad.json");
        Files.writeString(bad, "{\n  \"name\": \"b\",\n  \"model\": {\"name\": \"ishigami\"},\n"
                + "  \"parameters\": [{\"name\": \"x1\", \"distribution\": {\"type\": \"uniform\", \"min\": 1, \"max\": 0}}],\n"
                + "  \"outputs\": [\"y\"],\n  \"method\": {\"type\": \"sobol\", \"N\": 64, \"seed\": 1}\n}\n");
        final Outcome no = run("validate", bad.toString());
        assertEquals(VTrial.EXIT_BAD_INPUT, no.code());
        assertTrue(no.err().contains("gsa-bad.json:4:33: $.parameters[0].distribution: uniform: need finite min < max"),
                no.err());
        assertEquals(VTrial.EXIT_BAD_INPUT, run("validate", "--kind", "gsa",
                Path.of("..", "cohorts").toFile().listFiles((d, n) -> n.endsWith(".json"))[0].toString()).code());
    }
}
