package org.vtrial.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.vtrial.engine.calibration.CalibrationLoader;
import org.vtrial.engine.calibration.CalibrationSpec;
import org.vtrial.engine.calibration.CohortEvaluator;
import org.vtrial.engine.calibration.ValidationCard;
import org.vtrial.engine.io.BadInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtrial validation-card CALIBRATION.json...}: simulates each calibration file's trial with
 * its cohort as written (the trial's own seed and patients per arm, in-process) and writes the
 * validation card {@code DIR/<cohort name>.md} (docs/CALIBRATION.md). With {@code --check} nothing
 * is written: the exit code says whether the cards in DIR are what the command would write.
 */
@Command(name = "validation-card", mixinStandardHelpOptions = true,
        description = {"Simulate a calibration file's trial with its cohort as written and write the cohort's validation",
            "card: simulated vs published figures with the published 95% intervals, calibrated and held-out figures,",
            "known misses and limits. Exit 0; with --check, " + ValidationCardCommand.EXIT_STALE
                + " when a card differs from what would be written; 2: bad input."})
public final class ValidationCardCommand implements Callable<Integer> {

    /** Exit code of {@code --check} when a card is missing or differs. */
    public static final int EXIT_STALE = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CALIBRATION.json", description = "calibration files (conf/calibration-*.json)")
    List<Path> files;

    @Option(names = "--dir", paramLabel = "DIR", description = "folder of the cards (default: docs/validation)")
    Path dir = Path.of("docs", "validation");

    @Option(names = "--patients", paramLabel = "N",
            description = "patients per arm (default: the trial's patients_per_arm)")
    Integer patients;

    @Option(names = "--threads", paramLabel = "N", description = "simulation threads (default: 2, or fewer cores)")
    Integer threads;

    @Option(names = "--check", description = "write nothing; exit " + EXIT_STALE + " when a card differs from what would be written")
    boolean check;

    @Override
    public Integer call() throws Exception {
        final int n = threads != null ? threads : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        if (n < 1) {
            throw new BadInputException("--threads: must be at least 1, got " + n);
        }
        final List<String> stale = new ArrayList<>();
        try (CohortEvaluator evaluator = new CohortEvaluator(n)) {
            for (Path file : files) {
                final CalibrationSpec c = CalibrationLoader.load(file);
                final Path card = dir.resolve(c.trial().cohort().name() + ".md");
                final String text = ValidationCard.generate(c, patients, evaluator, Path.of(""));
                if (check) {
                    final boolean same = Files.isRegularFile(card)
                            && Files.readString(card, StandardCharsets.UTF_8).equals(text);
                    spec.commandLine().getOut().println((same ? "up to date: " : "differs: ") + card);
                    if (!same) {
                        stale.add(card.toString());
                    }
                } else {
                    Files.createDirectories(card.toAbsolutePath().getParent());
                    Files.writeString(card, text, StandardCharsets.UTF_8);
                    spec.commandLine().getOut().println("written: " + card);
                }
            }
        }
        spec.commandLine().getOut().flush();
        if (!stale.isEmpty()) {
            spec.commandLine().getErr().println("stale validation card(s): " + String.join(", ", stale));
            return EXIT_STALE;
        }
        return 0;
    }
}
