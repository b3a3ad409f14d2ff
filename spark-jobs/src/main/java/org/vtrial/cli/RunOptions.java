package org.vtrial.cli;

import java.nio.file.Path;

import org.vtrial.engine.io.BadInputException;

import picocli.CommandLine.Option;

/** Options shared by the commands that run a trial on Spark ({@code simulate}, {@code run}). */
final class RunOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "run directory, e.g. runs/NAME (default: runs/<trial file name>)")
    String out;

    @Option(names = "--patients", paramLabel = "N", description = "override the trial's patients per arm")
    Long patients;

    @Option(names = "--seed", paramLabel = "S", description = "override the trial's seed")
    Long seed;

    @Option(names = "--rtol", paramLabel = "TOL",
            description = "override the trial's relative tolerance (default: the trial's rtol, else 1e-6)")
    Double rtol;

    @Option(names = "--method", paramLabel = "M",
            description = "override the trial's integration method: dp54, tsit5 or dp853 (default: the trial's method, else tsit5)")
    String method;

    @Option(names = "--partitions", paramLabel = "N", description = "number of partitions (default: ~4 s of work each)")
    Integer partitions;

    @Option(names = "--partition-seconds", paramLabel = "S", defaultValue = "4.0",
            description = "target work per partition when --partitions is not given (default ${DEFAULT-VALUE} s)")
    double partitionSeconds;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*], or spark-submit's)")
    String master;

    @Option(names = "--overwrite", description = "replace an existing run (kept until the new one is complete)")
    boolean overwrite;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    /**
     * Resolves and checks the run directory: a plain relative or absolute path without {@code ..}
     * segments, whose last segment is a simple run name.
     */
    String runDirectory(Path trialFile) throws BadInputException {
        final String given = out != null ? out : "runs/" + trialName(trialFile);
        final String scheme = given.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? given.substring(0, given.indexOf("://")) : null;
        final String path = scheme == null ? given : given.substring(scheme.length() + 3);
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new BadInputException("--out " + given + ": '..' is not allowed in a run directory");
            }
        }
        final String trimmed = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        final String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new BadInputException("--out " + given + ": the run name '" + name
                    + "' must be letters, digits, '.', '_' or '-', not starting with '.'");
        }
        if (patients != null && patients <= 0) {
            throw new BadInputException("--patients: must be positive, got " + patients);
        }
        if (partitions != null && partitions <= 0) {
            throw new BadInputException("--partitions: must be positive, got " + partitions);
        }
        if (!(partitionSeconds > 0)) {
            throw new BadInputException("--partition-seconds: must be positive, got " + partitionSeconds);
        }
        return trimmed;
    }

    static String trialName(Path trialFile) {
        final String f = trialFile.getFileName().toString();
        return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
    }
}
