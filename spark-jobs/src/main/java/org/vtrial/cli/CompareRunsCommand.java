package org.vtrial.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.spark.RunComparison;
import org.vtrial.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial compare-runs A B}: compares a table of two runs row by row, matched by key, and exits
 * with 0 when they are identical (same keys, same columns, bit-identical values) and 1 otherwise.
 */
@Command(name = "compare-runs", mixinStandardHelpOptions = true,
        description = {"Compare a table of two runs row by row, matched by key (values bit for bit).",
            "Prints the rows compared and every difference; exit 0 if identical, 1 if not."})
public final class CompareRunsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "run directory (local path or filesystem URI)")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "run directory to compare with")
    String runB;

    @Option(names = "--table", paramLabel = "NAME", defaultValue = "patients",
            description = "table under the run directories (default ${DEFAULT-VALUE})")
    String table;

    @Option(names = "--key", paramLabel = "COLUMNS", split = ",",
            description = "key columns (default arm,replicate,patient_index; trajectories add day)")
    List<String> key;

    @Option(names = "--show", paramLabel = "N", defaultValue = "5",
            description = "differing rows to print (default ${DEFAULT-VALUE})")
    int show;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*], or spark-submit's)")
    String master;

    @Override
    public Integer call() throws Exception {
        if (show < 0) {
            throw new BadInputException("--show: must be zero or positive, got " + show);
        }
        final List<String> k = key != null ? key : defaultKey(table);
        final SparkSession spark = Sessions.get(master);
        final RunComparison.Result r = RunComparison.compare(spark, runA, runB, table, k, show);
        report(r, k, spec.commandLine().getOut());
        return r.identical() ? 0 : VTrial.EXIT_FAILURE;
    }

    static List<String> defaultKey(String table) {
        final List<String> k = new ArrayList<>(RunComparison.PATIENT_KEY);
        if (table.equals("trajectories")) {
            k.add("day");
        }
        return k;
    }

    private void report(RunComparison.Result r, List<String> k, PrintWriter out) {
        out.printf(Locale.ROOT, "compare-runs %s: A=%s B=%s%n", table, runA, runB);
        out.printf(Locale.ROOT, "  rows: A %,d, B %,d; compared %,d by key (%s), %d value columns%n",
                r.rowsA(), r.rowsB(), r.compared(), String.join(", ", k), r.byColumn().size());
        for (String p : r.schemaProblems()) {
            out.printf(Locale.ROOT, "  schema: %s%n", p);
        }
        if (r.onlyInA() > 0 || r.onlyInB() > 0) {
            out.printf(Locale.ROOT, "  keys only in A: %,d; only in B: %,d%n", r.onlyInA(), r.onlyInB());
        }
        if (r.duplicateKeysA() > 0 || r.duplicateKeysB() > 0) {
            out.printf(Locale.ROOT, "  duplicate keys: A %,d, B %,d%n", r.duplicateKeysA(), r.duplicateKeysB());
        }
        out.printf(Locale.ROOT, "  differing rows: %,d%n", r.differingRows());
        for (Map.Entry<String, Long> e : r.byColumn().entrySet()) {
            if (e.getValue() > 0) {
                out.printf(Locale.ROOT, "    %-28s %,d rows differ%n", e.getKey(), e.getValue());
            }
        }
        for (RunComparison.Example ex : r.examples()) {
            out.printf(Locale.ROOT, "    at %s:", ex.key());
            ex.columns().forEach((c, v) -> out.printf(Locale.ROOT, " %s A=%s B=%s;", c, v.get(0), v.get(1)));
            out.println();
        }
        out.println(r.identical() ? "identical" : "DIFFERENT");
        out.flush();
    }
}
