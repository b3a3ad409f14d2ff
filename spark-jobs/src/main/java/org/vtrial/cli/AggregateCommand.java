package org.vtrial.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.vtrial.spark.AggregateJob;
import org.vtrial.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial aggregate RUN}: summarises a run's patients into the tables of {@code RUN/summary/}
 * (docs/OUTPUTS.md) and prints the per-arm table.
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Summarise a run: response, relapse, kinetics and CRS per arm, comparisons with the",
            "reference arm, written as Parquet tables under RUN/summary/ (replaced only once complete)."})
public final class AggregateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory (holding patients/ and manifest.json)")
    String run;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: the one spark-submit set, else local[*])")
    String master;

    @Option(names = "--exact-limit", paramLabel = "PATIENTS", defaultValue = "" + AggregateJob.DEFAULT_EXACT_LIMIT,
            description = "largest arm with exact quantiles; larger arms use approximate ones (default ${DEFAULT-VALUE})")
    long exactLimit;

    @Override
    public Integer call() throws Exception {
        if (exactLimit < 0) {
            throw new IllegalArgumentException("--exact-limit: must be >= 0, got " + exactLimit);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final SparkSession spark = Sessions.get(master);
        final AggregateJob.Result r = AggregateJob.run(spark,
                AggregateJob.Options.of(run).withExactLimit(exactLimit));
        out.print(r.table());
        out.flush();
        return 0;
    }
}
