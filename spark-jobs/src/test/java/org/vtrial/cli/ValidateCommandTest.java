package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vtrial validate}: OK lines for good files; every problem with position and exit 2 otherwise. */
class ValidateCommandTest {

    private static final String COHORT = """
            {
              "name": "tc",
              "model": "tumor-control",
              "provenance": {"population": "closed-form test population"},
              "parameters": {
                "r": {"distribution": "lognormal", "median": 0.1, "cv": 0.3, "source": "a"},
                "alpha": {"distribution": "fixed", "value": 1e-9, "source": "a"},
                "kappa": {"distribution": "log-uniform", "min": 1e6, "max": 1e8, "source": "a"},
                "delta": {"distribution": "fixed", "value": 0.1, "source": "a"},
                "T0": {"distribution": "fixed", "value": 1e9, "source": "a"},
                "C0": {"distribution": "fixed", "value": 0, "source": "a"}
              }
            }
            """;

    private static final String TRIAL = """
            {
              "name": "tc-trial",
              "cohort": "cohort.json",
              "seed": 3,
              "patients_per_arm": 100,
              "horizon_days": 60,
              "arms": [
                {"name": "low", "overrides": {"kappa": 1e6}},
                {"name": "high"}
              ]
            }
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VTrial.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void goodFilesAreOk() throws IOException {
        final Path cohort = Files.writeString(dir.resolve("cohort.json"), COHORT);
        final Path trial = Files.writeString(dir.resolve("trial.json"), TRIAL);
        assertEquals(0, run("validate", cohort.toString(), trial.toString()), err.toString());
        final String text = out.toString();
        assertTrue(text.contains("OK " + cohort + ": cohort 'tc' of model tumor-control, 2 parameter(s) varying"), text);
        assertTrue(text.contains("OK " + trial + ": trial 'tc-trial', 2 arm(s) x 100 patients, 1 replicate(s)"), text);
        assertTrue(text.contains("sampled: r, kappa"), text);
    }

    @Test
    void everyProblemWithPositionAndExitTwo() throws IOException {
        final String cohortText = COHORT.replace("\"cv\": 0.3", "\"cv\": \"0.3\"");
        final String trialText = TRIAL.replace("\"seed\": 3,", "\"seed\": 3.5,")
                .replace("{\"name\": \"high\"}", "{\"name\": \"high\", \"dose\": 1}");
        Files.writeString(dir.resolve("cohort.json"), cohortText);
        final Path trial = Files.writeString(dir.resolve("trial.json"), trialText);
        final Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\",\n  \"model\" \"cart\"}");
        final Path neither = Files.writeString(dir.resolve("neither.json"), "{\"colour\": \"blue\"}");
        final List<Path> before = listing();
        assertEquals(VTrial.EXIT_BAD_INPUT, run("validate", trial.toString(), broken.toString(), neither.toString()));
        final String text = err.toString();
        // Positions (1-based line:column of the offending token) computed from the texts.
        assertTrue(text.contains(trial + ":" + position(trialText, "3.5") + ": $.seed: expected an integer, got 3.5"), text);
        assertTrue(text.contains(trial + ":" + position(trialText, "\"dose\"") + ": $.arms[1].dose: unknown field 'dose' in an arm"), text);
        assertTrue(text.contains(dir.resolve("cohort.json") + ":" + position(cohortText, "\"0.3\"")
                + ": $.parameters.r.cv: expected a number, got the string \"0.3\""), text);
        assertTrue(text.contains(broken + ":2:11: invalid JSON"), text);
        assertTrue(text.contains(neither + ": cannot tell a cohort from a trial"), text);
        assertTrue(text.startsWith("error: 5 problems:"), text);
        assertEquals(before, listing(), "validate must not write anything");
    }

    private static String position(String text, String needle) {
        final int i = text.indexOf(needle);
        final int lineStart = text.lastIndexOf('\n', i) + 1;
        final long line = text.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (i - lineStart + 1);
    }

    @Test
    void shippedCohortsAndTrialsValidate() throws IOException {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final List<String> args = new java.util.ArrayList<>(List.of("validate"));
        for (String folder : List.of("cohorts", "conf")) {
            try (Stream<Path> s = Files.list(root.resolve(folder))) {
                s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> args.add(p.toString()));
            }
        }
        assertTrue(args.size() >= 9, args.toString());
        assertEquals(0, run(args.toArray(new String[0])), err.toString());
        assertEquals(args.size() - 1, out.toString().lines().filter(l -> l.startsWith("OK ")).count(), out.toString());
    }

    @Test
    void kindCanBeForced() throws IOException {
        final Path cohort = Files.writeString(dir.resolve("cohort.json"), COHORT);
        assertEquals(VTrial.EXIT_BAD_INPUT, run("validate", "--kind", "trial", cohort.toString()));
        assertTrue(err.toString().contains("missing required field 'cohort'"), err.toString());
    }
}
