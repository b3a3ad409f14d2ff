package org.vtrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vtrial.cli.VTrial;
import org.vtrial.spark.Sessions;

/**
 * The run the report tests share: {@code bin/vtrial run conf/quickstart.json --patients 30} through
 * the command line (simulate, aggregate, report), once per test JVM, under {@code target/report-test/}.
 * Also small real sensitivity runs (Sobol and Morris) of the cart model.
 */
final class QuickstartRun {

    /** Patients per arm of the shared run (the quickstart keeps trajectories of 5 per arm). */
    static final long PATIENTS = 30;
    /** Trajectories per arm: conf/quickstart.json keeps 100, capped by {@code --patients} at {@link #PATIENTS}. */
    static final int TRAJECTORIES = (int) PATIENTS;
    /** The Spark master of the tests (the one of the other Spark tests: a session is shared per JVM). */
    static final String MASTER = "local[2,2]";
    static final Path BASE = Path.of("target", "report-test");

    private static Path run;
    private static String output;

    private QuickstartRun() {
    }

    /** @return the run directory, simulated on first use */
    static synchronized Path get() throws Exception {
        if (run == null) {
            delete(BASE);
            Files.createDirectories(BASE);
            final Path r = BASE.resolve("quickstart");
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int code = VTrial.execute(new String[] {"run", Path.of("..", "conf", "quickstart.json").toString(),
                "--patients", Long.toString(PATIENTS), "--out", r.toString(), "--partitions", "2", "--no-progress",
                "--master", MASTER}, new PrintWriter(out), new PrintWriter(err));
            assertEquals(0, code, err::toString);
            output = out.toString();
            run = r;
        }
        return run;
    }

    /** @return what {@code vtrial run} printed */
    static synchronized String output() throws Exception {
        get();
        return output;
    }

    static SparkSession spark() {
        return Sessions.get(MASTER);
    }

    /** @return the data embedded in a report page (script#report-data) */
    static JsonNode data(String html) throws IOException {
        final String open = "<script type=\"application/json\" id=\"report-data\">";
        final int a = html.indexOf(open) + open.length();
        return new ObjectMapper().readTree(html.substring(a, html.indexOf("</script>", a)));
    }

    /** Parameters of the test sensitivity runs (three of those docs/SENSITIVITY.md finds influential). */
    static final List<String> GSA_PARAMETERS = List.of("rho", "d_E", "alpha_h");
    /** Outputs of the test sensitivity runs. */
    static final List<String> GSA_OUTPUTS = List.of("log10_cmax", "complete_response");

    /**
     * A real, small sensitivity run of the cart model by {@code vtrial gsa}: the default patient (4-1BB,
     * 1e8 cells, 365 days), {@link #GSA_PARAMETERS} log-uniform over a factor 3 around their defaults,
     * outputs {@link #GSA_OUTPUTS}. Sobol: N = 64 (320 patients); Morris: 12 trajectories (48 patients).
     *
     * @param method "sobol" or "morris"
     */
    static Path sensitivityRun(Path dir, String method) throws Exception {
        get();
        delete(dir);
        Files.createDirectories(dir.getParent());
        final Path spec = dir.resolveSibling(dir.getFileName() + ".json");
        final String m = method.equals("sobol")
                ? "{\"type\": \"sobol\", \"N\": 64, \"seed\": 7, \"bootstrap\": 200}"
                : "{\"type\": \"morris\", \"trajectories\": 12, \"levels\": 4, \"seed\": 7, \"bootstrap\": 200}";
        Files.writeString(spec, "{\n  \"name\": \"report-" + method + "\",\n"
                + "  \"description\": \"three CAR-T parameters of the default cart patient\",\n"
                + "  \"model\": {\"name\": \"cart\", \"preset\": \"4-1BB\", \"conditioning\": \"standard\", "
                + "\"doses\": [{\"day\": 0, \"cells\": 1e8}], \"t_end\": 365},\n"
                + "  \"parameters\": [\n"
                + "    {\"name\": \"rho\", \"distribution\": {\"type\": \"log-uniform\", \"min\": 0.3, \"max\": 2.7}},\n"
                + "    {\"name\": \"d_E\", \"distribution\": {\"type\": \"log-uniform\", \"min\": 0.0666667, \"max\": 0.6}},\n"
                + "    {\"name\": \"alpha_h\", \"distribution\": {\"type\": \"log-uniform\", \"min\": 0.1, \"max\": 0.9}}\n"
                + "  ],\n"
                + "  \"outputs\": [{\"name\": \"log10_cmax\", \"column\": \"cmax\", \"transform\": \"log10\"},\n"
                + "    {\"name\": \"complete_response\", \"column\": \"best_response\", \"in\": [\"CR\"]}],\n"
                + "  \"method\": " + m + "\n}\n");
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = VTrial.execute(new String[] {"gsa", spec.toString(), "--out", dir.toString(), "--partitions", "2"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err::toString);
        return dir;
    }

    /** @return the rows (endpoint, parameter, index, value, lo, hi) of a sensitivity run's table */
    static List<Row> sensitivityTable(Path dir) {
        return spark().read().parquet(dir.resolve("sensitivity").toString())
                .select("endpoint", "parameter", "index", "value", "lo", "hi").collectAsList();
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                final Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
