package org.vtrial.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.vtrial.engine.calibration.CalibrationLoader;
import org.vtrial.engine.calibration.CalibrationReport;
import org.vtrial.engine.calibration.CalibrationSpec;
import org.vtrial.engine.calibration.Calibrator;
import org.vtrial.engine.calibration.CohortEvaluator;
import org.vtrial.engine.calibration.CohortWriter;
import org.vtrial.engine.calibration.FreeValue;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.io.StrictJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial calibrate CALIBRATION.json --out runs/NAME}: fits population-level values of a
 * cohort to published trial figures (docs/CALIBRATION.md). Writes into the run directory the
 * calibrated cohort ({@code cohort.json}), the trial pointing at it ({@code trial.json}, ready for
 * {@code vtrial run}), the targets against the achieved values ({@code targets.csv}), the
 * optimisation trace ({@code trace.csv}) and a summary ({@code calibration.json}). The original
 * cohort file is left untouched unless {@code --write-cohort} names it.
 *
 * <p>Exit codes: 0 converged with every calibrate target inside its published 95% interval;
 * {@value #EXIT_NOT_CONVERGED} the evaluation budget ran out first (the best point is written);
 * {@value #EXIT_TARGETS_MISSED} converged, but some calibrate target lies outside its interval;
 * 2 bad input; 1 failure.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit population-level values of a cohort (medians, spreads) to published trial figures:",
            "each evaluation simulates the same patients in-process with the trial kernel. Writes the",
            "calibrated cohort, targets vs achieved values and the optimisation trace to the run directory.",
            "Exit 0: converged, calibrate targets inside their published 95% intervals; 3: not converged",
            "(budget used up); 4: converged but a calibrate target outside its interval; 2: bad input."})
public final class CalibrateCommand implements Callable<Integer> {

    /** Exit code when the optimiser used up its evaluation budget before converging. */
    public static final int EXIT_NOT_CONVERGED = 3;
    /** Exit code when the optimiser converged but a calibrate target lies outside its published 95% interval. */
    public static final int EXIT_TARGETS_MISSED = 4;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CALIBRATION.json", description = "calibration file (see conf/calibration-*.json)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<calibration file name>)")
    Path out;

    @Option(names = "--overwrite", description = "replace an existing run directory (kept until the new one is complete)")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", description = "simulation threads (default: 2, or fewer cores)")
    Integer threads;

    @Option(names = "--patients", paramLabel = "N", description = "override the patients per arm and evaluation")
    Integer patients;

    @Option(names = "--max-evaluations", paramLabel = "N", description = "override the evaluation budget")
    Integer maxEvaluations;

    @Option(names = "--write-cohort", paramLabel = "FILE",
            description = "also write the calibrated cohort to FILE (e.g. the original cohort, to replace it)")
    Path writeCohort;

    @Option(names = "--quiet", description = "no line per evaluation on the error stream")
    boolean quiet;

    @Option(names = "--evaluate-only", description = {"simulate the cohort as written and report the targets against it:",
        "no optimisation, no cohort written (e.g. to check a calibrated cohort on more patients)"})
    boolean evaluateOnly;

    @Override
    public Integer call() throws Exception {
        CalibrationSpec c = CalibrationLoader.load(file);
        if (patients != null) {
            c = c.withPatients(patients);
        }
        if (maxEvaluations != null) {
            c = c.withMaxEvaluations(maxEvaluations);
        }
        final int n = threads != null ? threads : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        if (n < 1) {
            throw new BadInputException("--threads: must be at least 1, got " + n);
        }
        final Path dir = runDirectory();
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter outWriter = spec.commandLine().getOut();
        final CalibrationSpec calibration = c;
        outWriter.printf(Locale.ROOT, "calibrating %s: %d value(s), %d target(s) (%d calibrate), %d patients per arm,"
                        + " %s, at most %d evaluations, %d thread(s)%n", calibration.name(), calibration.free().size(),
                calibration.targets().size(), calibration.calibrated().size(), calibration.patients(),
                calibration.optimizer().method().label(), calibration.optimizer().maxEvaluations(), n);
        outWriter.flush();
        final Calibrator.Result r;
        try (CohortEvaluator evaluator = new CohortEvaluator(n)) {
            r = evaluateOnly ? Calibrator.evaluate(calibration, evaluator)
                    : Calibrator.run(calibration, evaluator, quiet ? null : progress(calibration, err));
        }
        write(r, dir, n, !evaluateOnly);
        outWriter.print(CalibrationReport.table(r));
        outWriter.println("written: " + dir + (evaluateOnly ? " (targets.csv, calibration.json)"
                : " (cohort.json, trial.json, targets.csv, trace.csv, calibration.json)"));
        if (writeCohort != null && !evaluateOnly) {
            CohortWriter.write(r, writeCohort);
            outWriter.println("written: " + writeCohort);
        }
        outWriter.flush();
        if (!r.converged()) {
            err.println("" + r.message());
            err.flush();
            return EXIT_NOT_CONVERGED;
        }
        int missed = 0;
        for (int i = 0; i < r.spec().targets().size(); i++) {
            if (r.spec().targets().get(i).calibrate() && !r.spec().targets().get(i).inside(r.simulated()[i])) {
                missed++;
            }
        }
        if (missed > 0) {
            err.println("converged, but " + missed + " calibrate target(s) lie outside their published 95% interval");
            err.flush();
            return EXIT_TARGETS_MISSED;
        }
        return 0;
    }

    /** @return a listener printing one line per evaluation */
    private static Calibrator.Listener progress(CalibrationSpec calibration, PrintWriter err) {
        return (e, best) -> {
            final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "evaluation %d/%d  objective %.4g  (best %.4g)  %.2f s ", e.evaluation(),
                    calibration.optimizer().maxEvaluations(), e.objective(), best, e.seconds()));
            for (int i = 0; i < calibration.free().size(); i++) {
                final FreeValue f = calibration.free().get(i);
                sb.append(' ').append(f.label()).append('=').append(String.format(Locale.ROOT, "%.4g", e.values()[i]));
            }
            if (e.problem() != null) {
                sb.append("  inadmissible: ").append(e.problem());
            }
            err.println(sb);
            err.flush();
        };
    }

    private Path runDirectory() throws BadInputException {
        final Path dir;
        if (out != null) {
            dir = out;
        } else {
            final String f = file.getFileName().toString();
            dir = Path.of("runs", f.endsWith(".json") ? f.substring(0, f.length() - 5) : f);
        }
        final Path name = dir.getFileName();
        if (name == null || !name.toString().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new BadInputException("--out " + dir + ": the run name must be letters, digits, '.', '_' or '-',"
                    + " not starting with '.'");
        }
        if (Files.exists(dir) && !overwrite) {
            throw new BadInputException("--out " + dir + " exists: choose another run directory or give --overwrite");
        }
        if (writeCohort != null && evaluateOnly) {
            throw new BadInputException("--write-cohort and --evaluate-only exclude each other: nothing is calibrated");
        }
        if (writeCohort != null && Files.isDirectory(writeCohort)) {
            throw new BadInputException("--write-cohort " + writeCohort + " is a directory; give a file name");
        }
        return dir;
    }

    /** Writes every output into a staging folder next to {@code dir}, then moves it into place. */
    private static void write(Calibrator.Result r, Path dir, int threads, boolean calibrated) throws IOException {
        final Path abs = dir.toAbsolutePath();
        final Path parent = abs.getParent();
        Files.createDirectories(parent);
        final Path staging = parent.resolve("." + abs.getFileName() + ".staging");
        delete(staging);
        Files.createDirectories(staging);
        if (calibrated) {
            Files.writeString(staging.resolve("cohort.json"), CohortWriter.text(r), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("trial.json"), CohortWriter.trialText(r.spec(), "cohort.json"),
                    StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("trace.csv"), CalibrationReport.traceCsv(r), StandardCharsets.UTF_8);
        }
        Files.writeString(staging.resolve("targets.csv"), CalibrationReport.targetsCsv(r), StandardCharsets.UTF_8);
        Files.writeString(staging.resolve("calibration.json"), StrictJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(CalibrationReport.summary(r, threads)) + "\n", StandardCharsets.UTF_8);
        final Path old = parent.resolve("." + abs.getFileName() + ".old");
        delete(old);
        if (Files.exists(abs)) {
            Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, abs, StandardCopyOption.ATOMIC_MOVE);
        delete(old);
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
