package org.vtrial.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.SparkSession;
import org.vtrial.engine.gsa.GsaPlan;
import org.vtrial.engine.gsa.GsaSpecReader;
import org.vtrial.engine.gsa.OutputAnalysis;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.spark.GsaJob;
import org.vtrial.spark.RunPublisher;
import org.vtrial.spark.Sessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial gsa SPEC.json --out runs/NAME}: global sensitivity analysis (Sobol' indices on a
 * Saltelli design, or Morris elementary effects) of an analytic model or a virtual patient, evaluated
 * on Spark; prints the ranking of the parameters per output.
 */
@Command(name = "gsa", mixinStandardHelpOptions = true,
        description = {"Global sensitivity analysis: Sobol indices or Morris screening.",
            "Evaluates the design on Spark, writes RUN/design/ and RUN/sensitivity/",
            "(Parquet) and RUN/manifest.json, prints the parameters ranked per output.",
            "Spec format and methods: docs/SENSITIVITY.md."})
public final class GsaCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "the analysis (e.g. conf/gsa-ishigami.json)")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "run directory to write (e.g. runs/ishigami)")
    String out;

    @Option(names = "--overwrite", description = "replace an existing run (kept until the new one is complete)")
    boolean overwrite;

    @Option(names = "--partitions", paramLabel = "N", description = "Spark partitions (default: ~4 s of work each)")
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        if (partitions != null && partitions < 1) {
            throw new BadInputException("--partitions: must be at least 1, got " + partitions);
        }
        final GsaPlan plan = GsaSpecReader.read(specFile);
        final PrintWriter o = spec.commandLine().getOut();
        final ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("spec_file", specFile.toString());
        manifest.put("spec_sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(specFile))));
        final SparkSession spark = Sessions.get(null);
        final GsaJob.Result r;
        try {
            r = GsaJob.run(spark, plan, GsaJob.Options.to(out).withPartitions(partitions).withOverwrite(overwrite)
                    .withProgress(true), manifest);
        } catch (RunPublisher.RunExistsException e) {
            throw new BadInputException("--out: " + e.getMessage());
        }
        o.printf(Locale.ROOT, "gsa %s: %s of %s, %d parameters, %d outputs; %,d points in %d partitions, %.1f s%n",
                plan.name(), plan.method().label(), plan.model(), plan.parameters().size(), plan.outputs().size(),
                r.points(), r.partitions(), r.wallSeconds());
        o.printf(Locale.ROOT, "points by status: %s%n", statuses(r.report().byStatus()));
        for (OutputAnalysis a : r.report().outputs()) {
            if (a.dropped() > 0) {
                o.printf(Locale.ROOT, "  %s: %d of %d bases dropped (a failed point or an undefined value drops its base)%n",
                        a.output(), a.dropped(), a.used() + a.dropped());
            }
        }
        o.printf(Locale.ROOT, "written: %s/design, %s/sensitivity, %s/manifest.json%n%n", r.run(), r.run(), r.run());
        o.print(r.report().rankingText());
        o.flush();
        return 0;
    }

    private static String statuses(Map<String, Long> byStatus) {
        final StringBuilder sb = new StringBuilder();
        byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return sb.toString();
    }
}
