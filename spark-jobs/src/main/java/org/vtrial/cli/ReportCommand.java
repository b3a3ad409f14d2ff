package org.vtrial.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.vtrial.report.TrialReport;
import org.vtrial.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial report RUN [--sensitivity GSA]}: writes {@code RUN/report.html}, one self-contained
 * page (charts and data inlined, no network when viewed) from the run's summary tables, trajectory
 * sample and manifest.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write RUN/report.html: trial design, response, relapse, CAR-T kinetics and CRS charts",
            "from a summarised run (see 'aggregate'), in one file that opens offline."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory (with summary/, see 'aggregate')")
    String run;

    @Option(names = "--sensitivity", paramLabel = "GSA", description = "sensitivity-analysis run (with sensitivity/) whose indices to add")
    String sensitivity;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: the one spark-submit set, else local[*])")
    String master;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        print(TrialReport.write(Sessions.get(master), run, sensitivity), out);
        return 0;
    }

    /** Prints the report's notes and where it is (the last line: "report: PATH"). */
    static void print(TrialReport.Result r, PrintWriter out) {
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
        out.printf(Locale.ROOT, "report: %s (%d charts, %.1f MB, %.1f s)%n", r.path(), r.charts(), r.bytes() / 1e6,
                r.wallSeconds());
        out.flush();
    }
}
