package org.vtrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.vtrial.cli.VTrial;
import org.vtrial.spark.Sessions;

/**
 * The run the report tests share: {@code bin/vtrial run conf/quickstart.json --patients 30} through
 * the command line (simulate, aggregate, report), once per test JVM, under {@code target/report-test/}.
 * Also a sensitivity run written as the sensitivity job writes its table.
 */
final class QuickstartRun {

    /** Patients per arm of the shared run (the quickstart keeps trajectories of 5 per arm). */
    static final long PATIENTS = 30;
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

    /**
     * Writes {@code dir/sensitivity/} with the sensitivity table's columns (endpoint, parameter, index,
     * value, lo, hi, n_used, n_dropped) and a manifest. The Sobol values are those docs/SENSITIVITY.md
     * reports for the cart model ({@code log10_cmax}); the Morris output exercises the other index family.
     */
    static Path sensitivityRun(Path dir) throws IOException {
        final List<Row> rows = new ArrayList<>();
        final Object[][] sobol = {
            {"alpha_h", 0.168, 0.140, 0.196, 0.337, 0.303, 0.373},
            {"rho", 0.062, 0.035, 0.090, 0.331, 0.296, 0.371},
            {"d_E", 0.055, 0.027, 0.083, 0.321, 0.282, 0.359},
            {"s_C", 0.089, 0.066, 0.112, 0.206, 0.181, 0.234},
            {"k_A", 0.033, 0.020, 0.046, 0.055, 0.050, 0.059}};
        for (Object[] p : sobol) {
            rows.add(RowFactory.create("log10_cmax", p[0], "S1", p[1], p[2], p[3], 4096, 0));
            rows.add(RowFactory.create("log10_cmax", p[0], "ST", p[4], p[5], p[6], 4096, 0));
        }
        final Object[][] morris = {{"rho", 0.71, 0.52, 0.93, 0.40}, {"d_E", 0.65, 0.47, 0.84, 0.37},
            {"K_C", 0.12, 0.05, 0.20, 0.15}};
        for (Object[] p : morris) {
            rows.add(RowFactory.create("complete_response", p[0], "mu_star", p[1], p[2], p[3], 60, 0));
            rows.add(RowFactory.create("complete_response", p[0], "mu", -(double) p[1], null, null, 60, 0));
            rows.add(RowFactory.create("complete_response", p[0], "sigma", p[4], null, null, 60, 0));
        }
        final StructType schema = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("endpoint", DataTypes.StringType, false),
            DataTypes.createStructField("parameter", DataTypes.StringType, false),
            DataTypes.createStructField("index", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.DoubleType, true),
            DataTypes.createStructField("lo", DataTypes.DoubleType, true),
            DataTypes.createStructField("hi", DataTypes.DoubleType, true),
            DataTypes.createStructField("n_used", DataTypes.IntegerType, false),
            DataTypes.createStructField("n_dropped", DataTypes.IntegerType, false)});
        delete(dir);
        spark().createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("sensitivity").toString());
        Files.writeString(dir.resolve("manifest.json"), "{\"analysis\": \"cart-test\", \"method\": \"sobol\", "
                + "\"model\": \"cart\", \"description\": \"test fixture\", \"created\": \"2026-11-26T00:00:00Z\"}");
        return dir;
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
