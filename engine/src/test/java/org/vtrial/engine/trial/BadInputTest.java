package org.vtrial.engine.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vtrial.engine.io.BadInputException;

/**
 * Bad cohort and trial files: each case edits a valid file, loads it and expects a
 * {@link BadInputException} with a problem {@code FILE:LINE:COLUMN: JSON.PATH: message} where the
 * position is computed here from the text (1-based line and column of the offending token), and
 * that loading wrote nothing.
 */
class BadInputTest {

    private static final String PP_COHORT = """
            {
              "name": "pp",
              "model": "predator-prey",
              "provenance": {"population": "test"},
              "parameters": {
                "r": {"distribution": "lognormal", "median": 0.1, "cv": 0.2, "source": "a"},
                "k": {"distribution": "fixed", "value": 1e-9, "source": "a"},
                "p": {"distribution": "fixed", "value": 1e-10, "source": "a"},
                "B0": {"distribution": "fixed", "value": 1e9, "source": "a"},
                "C0": {"distribution": "fixed", "value": 1e7, "source": "a"}
              }
            }
            """;

    private static final String PP_TRIAL = """
            {
              "name": "pp-trial",
              "cohort": "cohort.json",
              "seed": 1,
              "patients_per_arm": 10,
              "horizon_days": 100,
              "arms": [
                {"name": "only"}
              ]
            }
            """;

    /**
     * @param name     what is wrong
     * @param cohort   cohort text
     * @param trial    trial text, or null to load the cohort alone
     * @param inTrial  true when the problem is in the trial file
     * @param needle   unique text whose first character (plus offset) is the expected position
     * @param offset   characters from the needle's start to the offending token
     * @param path     expected JSON path, or null for syntax errors
     * @param fragment expected part of the message
     */
    record Case(String name, String cohort, String trial, boolean inTrial, String needle, int offset, String path,
                String fragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case cohort(String name, String from, String to, String needle, int offset, String path, String fragment) {
        return new Case(name, Fixtures.replace(Fixtures.COHORT, from, to), null, false, needle, offset, path, fragment);
    }

    private static Case trial(String name, String from, String to, String needle, int offset, String path, String fragment) {
        return new Case(name, Fixtures.COHORT, Fixtures.replace(Fixtures.TRIAL, from, to), true, needle, offset, path, fragment);
    }

    static Stream<Case> cases() {
        final String c = Fixtures.COHORT;
        return Stream.of(
            // ---- cohort files: syntax and strictness
            cohort("misspelt field", "\"model\": \"fake-cart\",", "\"model\": \"fake-cart\", \"modle\": 1,",
                    "\"modle\"", 0, "$.modle", "unknown field 'modle' in a cohort; did you mean 'model'?"),
            cohort("duplicate key", "\"model\": \"fake-cart\",", "\"model\": \"fake-cart\", \"model\": \"fake-cart\",",
                    "\"model\": \"fake-cart\", \"model\"", 22, "$.model", "duplicate key 'model' (first given at 5:3)"),
            new Case("trailing content", c + "[1]", null, false, "[1]", 0, "$", "trailing content after the JSON document"),
            cohort("syntax error", "\"name\": \"test-cohort\",", "\"name\": \"test-cohort\"",
                    "\"description\"", 0, null, "invalid JSON: Unexpected character ('\"'"),
            new Case("root is not an object", "[1, 2]", null, false, "[1, 2]", 0, "$",
                    "expected a cohort (a JSON object), got an array"),
            cohort("null for a required number", "\"median\": 0.05", "\"median\": null", "null", 0,
                    "$.parameters.r.median", "expected a number, got null"),
            cohort("numeric string", "\"cv\": 0.5", "\"cv\": \"0.5\"", "\"0.5\"", 0,
                    "$.parameters.r.cv", "expected a number, got the string \"0.5\""),
            cohort("NaN", "\"cv\": 0.3", "\"cv\": NaN", "NaN", 0, "$.parameters.rho.cv", "NaN is not a number allowed"),
            cohort("Infinity", "\"max\": 1.5", "\"max\": Infinity", "Infinity", 0, "$.parameters.k_A.max",
                    "Infinity is not allowed"),
            cohort("number overflowing a double", "\"upper\": 5e11", "\"upper\": 5e400", "5e400", 0,
                    "$.parameters.Tpos0.upper", "number 5e400 overflows a double"),
            // ---- cohort files: domain
            cohort("unknown model", "\"model\": \"fake-cart\"", "\"model\": \"fake-kart\"", "\"fake-kart\"", 0,
                    "$.model", "unknown model 'fake-kart'"),
            cohort("unknown parameter", "\"k_A\": {", "\"k_a\": {", "\"k_a\"", 0, "$.parameters.k_a",
                    "unknown parameter 'k_a' of model fake-cart; did you mean 'k_A'?"),
            cohort("negative sd", "\"distribution\": \"lognormal\", \"median\": 0.05, \"cv\": 0.5",
                    "\"distribution\": \"normal\", \"mean\": 0.05, \"sd\": -0.01", "-0.01", 0, "$.parameters.r.sd",
                    "sd must be positive, got -0.01"),
            cohort("zero cv", "\"cv\": 1.5", "\"cv\": 0", "0, \"lower\"", 0, "$.parameters.Tpos0.cv", "cv must be positive, got 0"),
            cohort("lower not below upper", "\"upper\": 5e11", "\"upper\": 1e8", "1e8", 0, "$.parameters.Tpos0.upper",
                    "upper (1e+08) must be above lower (1e+09)"),
            cohort("truncation leaving almost no mass", "\"lower\": 1e9, \"upper\": 5e11", "\"lower\": 1e15, \"upper\": 1e16",
                    "{\"distribution\": \"lognormal\", \"median\": 5e10", 0, "$.parameters.Tpos0",
                    "keeps a probability mass of"),
            cohort("unknown distribution", "\"distribution\": \"lognormal\", \"median\": 0.05",
                    "\"distribution\": \"lognormel\", \"median\": 0.05", "\"lognormel\"", 0, "$.parameters.r.distribution",
                    "unknown distribution 'lognormel'; did you mean 'lognormal'?"),
            cohort("both lognormal forms", "\"median\": 0.05, \"cv\": 0.5,", "\"median\": 0.05, \"cv\": 0.5, \"log_sd\": 0.2,",
                    "{\"distribution\": \"lognormal\", \"median\": 0.05", 0, "$.parameters.r",
                    "a lognormal takes either median and cv, or log_mean and log_sd, not both"),
            cohort("field of another family", "\"distribution\": \"uniform\", \"min\": 0.5",
                    "\"distribution\": \"uniform\", \"median\": 3, \"min\": 0.5", "\"median\": 3", 0, "$.parameters.k_A.median",
                    "field 'median' does not belong to a uniform distribution"),
            cohort("missing source", ", \"source\": \"s3\"}", "}", "{\"distribution\": \"uniform\"", 0, "$.parameters.k_A",
                    "missing required field 'source'"),
            cohort("log-uniform from zero", "\"distribution\": \"uniform\", \"min\": 0.5",
                    "\"distribution\": \"log-uniform\", \"min\": 0", "\"min\": 0,", 7, "$.parameters.k_A.min",
                    "a log-uniform distribution needs min > 0, got 0"),
            cohort("uniform min above max", "\"min\": 0.5, \"max\": 1.5", "\"min\": 2.5, \"max\": 1.5",
                    "1.5, \"source\": \"s3\"", 0, "$.parameters.k_A.max", "max (1.5) must be above min (2.5)"),
            cohort("named choice with a distribution", "\"distribution\": \"fixed\", \"value\": \"gompertz\"",
                    "\"distribution\": \"lognormal\", \"median\": 1, \"cv\": 0.1", "\"lognormal\", \"median\": 1,", 0,
                    "$.parameters.growth.distribution", "parameter 'growth' is a named choice"),
            cohort("unknown choice label", "\"gompertz\"", "\"gompertx\"", "\"gompertx\"", 0, "$.parameters.growth.value",
                    "'gompertx' is not one of [exponential, logistic, gompertz]"),
            cohort("distribution beyond the parameter's range", "\"distribution\": \"lognormal\", \"median\": \"preset\", \"cv\": 0.3",
                    "\"distribution\": \"normal\", \"mean\": 1.0, \"sd\": 0.5", "{\"distribution\": \"normal\"", 0,
                    "$.parameters.rho", "outside the admissible range of 'rho' [0, 1000]; truncate it with \"lower\""),
            cohort("fixed value out of range", "\"growth\": {", "\"f_mem\": {\"distribution\": \"fixed\", \"value\": 1.5, \"source\": \"s7\"},\n    \"growth\": {",
                    "{\"distribution\": \"fixed\", \"value\": 1.5", 0, "$.parameters.f_mem", "parameter 'f_mem': 1.5 outside [0.0, 1.0]"),
            cohort("\"preset\" where it cannot stand", "\"cv\": 0.5", "\"cv\": \"preset\"", "\"preset\", \"source\": \"s1\"", 0,
                    "$.parameters.r.cv", "\"preset\" is allowed only for the mean of a normal and the median of a lognormal"),
            cohort("unknown arm default", "\"preset\": \"4-1BB\"", "\"preset\": \"4-1bb\"", "\"4-1bb\"", 0,
                    "$.arm_defaults.preset", "unknown preset '4-1bb' of model fake-cart; known: CD28, 4-1BB"),
            // ---- correlation matrices
            cohort("asymmetric correlation", "[[1, 0.5], [0.5, 1]]", "[[1, 0.5], [0.4, 1]]", "0.4", 0,
                    "$.correlation.matrix[1][0]", "the matrix is not symmetric"),
            cohort("correlation diagonal not 1", "[[1, 0.5], [0.5, 1]]", "[[1, 0.5], [0.5, 0.9]]", "0.9]]", 0,
                    "$.correlation.matrix[1][1]", "diagonal entries of a correlation matrix are 1, got 0.9"),
            cohort("correlation above 1", "[[1, 0.5], [0.5, 1]]", "[[1, 1.5], [1.5, 1]]", "1.5], [", 0,
                    "$.correlation.matrix[0][1]", "a correlation lies in [-1, 1], got 1.5"),
            cohort("correlation not positive definite", "{\"parameters\": [\"r\", \"Tpos0\"], \"matrix\": [[1, 0.5], [0.5, 1]]}",
                    "{\"parameters\": [\"r\", \"rho\", \"Tpos0\"], \"matrix\": [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]}",
                    "[[1, 0.9", 0, "$.correlation.matrix", "the correlation matrix is not positive definite (smallest eigenvalue -0.8"),
            cohort("correlating a fixed parameter", "[\"r\", \"Tpos0\"]", "[\"r\", \"t_LD\"]", "\"t_LD\"]", 0,
                    "$.correlation.parameters[1]", "'t_LD' is fixed: only parameters that vary between patients can be correlated"),
            // ---- trial files: types and ranges
            trial("seed with a decimal point", "\"seed\": 12345,", "\"seed\": 12345.0,", "12345.0", 0, "$.seed",
                    "expected an integer, got 12345.0"),
            trial("seed with an exponent", "\"seed\": 12345,", "\"seed\": 1e4,", "1e4", 0, "$.seed", "expected an integer, got 1e4"),
            trial("seed null", "\"seed\": 12345,", "\"seed\": null,", "null", 0, "$.seed", "expected an integer, got null"),
            trial("patients above the cap", "\"patients_per_arm\": 1000,", "\"patients_per_arm\": 100000001,", "100000001", 0,
                    "$.patients_per_arm", "100000001 is outside the allowed range [1, 100000000]"),
            trial("zero horizon", "\"horizon_days\": 365", "\"horizon_days\": 0", "\"horizon_days\": 0", 16, "$.horizon_days",
                    "the horizon must be in (0, 36500] days, got 0"),
            trial("relative tolerance zero", "\"horizon_days\": 365", "\"horizon_days\": 365, \"rtol\": 0", "\"rtol\": 0", 8, "$.rtol",
                    "relative tolerance must be in [1e-12, 1), got 0.0"),
            trial("relative tolerance of one", "\"horizon_days\": 365", "\"horizon_days\": 365, \"rtol\": 1.0", "\"rtol\": 1.0", 8, "$.rtol",
                    "relative tolerance must be in [1e-12, 1), got 1.0"),
            trial("relative tolerance as a string", "\"horizon_days\": 365", "\"horizon_days\": 365, \"rtol\": \"1e-6\"", "\"rtol\": \"1e-6\"", 8,
                    "$.rtol", "expected a number, got the string \"1e-6\""),
            trial("unknown integration method", "\"horizon_days\": 365", "\"horizon_days\": 365, \"method\": \"rk4\"",
                    "\"rk4\"", 0, "$.method", "unknown integration method 'rk4' (choose dp54, tsit5 or dp853)"),
            trial("integration method as a number", "\"horizon_days\": 365", "\"horizon_days\": 365, \"method\": 853",
                    "853", 0, "$.method", "expected a string, got 853"),
            trial("trajectory sample above the patients", "\"trajectory_sample\": 10", "\"trajectory_sample\": 5000", "5000", 0,
                    "$.trajectory_sample", "trajectory_sample (5000) exceeds patients_per_arm (1000)"),
            trial("boolean given as a string", "\"trajectory_sample\": 10,", "\"trajectory_sample\": 10, \"common_random_numbers\": \"yes\",",
                    "\"yes\"", 0, "$.common_random_numbers", "expected true or false, got the string \"yes\""),
            trial("misspelt trial field", "\"horizon_days\": 365", "\"horizon_day\": 365", "\"horizon_day\"", 0, "$.horizon_day",
                    "unknown field 'horizon_day' in a trial; did you mean 'horizon_days'?"),
            // ---- trial files: arms and doses
            trial("negative dose", "{\"day\": 0, \"cells\": 1e8}", "{\"day\": 0, \"cells\": -1e8}", "-1e8", 0,
                    "$.arms[0].doses[0].cells", "a dose has a positive number of cells, got -1e+08"),
            trial("zero dose", "{\"day\": 7, \"cells\": 5e7}", "{\"day\": 7, \"cells\": 0}", "0}]", 0,
                    "$.arms[1].doses[1].cells", "a dose has a positive number of cells, got 0"),
            trial("dose after the horizon", "{\"day\": 7,", "{\"day\": 400,", "400", 0, "$.arms[1].doses[1].day",
                    "a dose day lies in [0, horizon_days) = [0, 365), got 400"),
            trial("unknown preset", "{\"name\": \"C\", \"preset\": \"CD28\"", "{\"name\": \"C\", \"preset\": \"CD-28\"", "\"CD-28\"", 0,
                    "$.arms[2].preset", "unknown preset 'CD-28' of model fake-cart; known: CD28, 4-1BB"),
            trial("unknown conditioning", "\"conditioning\": \"none\"", "\"conditioning\": \"mild\"", "\"mild\"", 0,
                    "$.arms[2].conditioning", "unknown conditioning 'mild' of model fake-cart; known: none, standard, intensified"),
            trial("unknown override", "\"overrides\": {\"k_A\": 2.0", "\"overrides\": {\"kA\": 2.0", "\"kA\"", 0,
                    "$.arms[1].overrides.kA", "unknown parameter 'kA' of model fake-cart; did you mean 'k_A'?"),
            trial("override out of range", "\"t_LD\": -3", "\"t_LD\": 3", "3}}", 0, "$.arms[1].overrides.t_LD",
                    "parameter 't_LD': 3.0 outside [-30.0, 0.0]"),
            trial("duplicate arm name", "{\"name\": \"C\",", "{\"name\": \"A\",", "\"A\", \"preset\": \"CD28\", \"conditioning\": \"none\"",
                    0, "$.arms[2].name", "arm name 'A' is used twice"),
            trial("reference arm that does not exist", "\"reference_arm\": \"A\"", "\"reference_arm\": \"D\"", "\"D\"", 0,
                    "$.reference_arm", "no arm is called 'D' (arms: A, B, C)"),
            trial("unknown endpoint setting", "{\"cr_threshold\": 0.02}", "{\"cr_treshold\": 0.02}", "\"cr_treshold\"", 0,
                    "$.endpoint_settings.cr_treshold",
                    "unknown endpoint setting 'cr_treshold' of model fake-cart; did you mean 'cr_threshold'?"),
            trial("cohort file not found", "\"cohort\": \"cohort.json\"", "\"cohort\": \"cohorts/missing.json\"",
                    "\"cohorts/missing.json\"", 0, "$.cohort", "cohort file not found"),
            trial("model relation violated at the medians", "{\"name\": \"A\", \"preset\": \"CD28\", \"conditioning\": \"standard\",",
                    "{\"name\": \"A\", \"preset\": \"CD28\", \"conditioning\": \"standard\", \"overrides\": {\"K\": 1e10},",
                    "{\"name\": \"A\"", 0, "$.arms[0]", "at the cohort's median values: carrying capacity K"),
            // ---- replicates and uncertainty
            trial("replicate count zero", "\"count\": 5", "\"count\": 0", "0, \"uncertainty\"", 0, "$.replicates.count",
                    "0 is outside the allowed range [1, 1000]"),
            trial("uncertainty of a \"preset\" median given as a value",
                    "{\"parameter\": \"rho\", \"field\": \"median\", \"factor\":", "{\"parameter\": \"rho\", \"field\": \"median\", \"value\":",
                    "{\"parameter\": \"rho\"", 0, "$.replicates.uncertainty[0]",
                    "the cohort takes median of 'rho' from the arm (\"preset\"): give its uncertainty as a \"factor\""),
            trial("uncertainty with both value and factor", "\"source\": \"u2\"}",
                    "\"factor\": {\"distribution\": \"fixed\", \"value\": 1}, \"source\": \"u2\"}", "{\"parameter\": \"r\",", 0,
                    "$.replicates.uncertainty[1]", "give exactly one of \"value\""),
            trial("uncertain truncation bound", "\"parameter\": \"r\", \"field\": \"median\"",
                    "\"parameter\": \"Tpos0\", \"field\": \"upper\"", "\"upper\"", 0, "$.replicates.uncertainty[1].field",
                    "truncation bounds are inclusion criteria"),
            trial("factor that can turn negative", "\"factor\": {\"distribution\": \"lognormal\", \"median\": 1, \"cv\": 0.2}",
                    "\"factor\": {\"distribution\": \"normal\", \"mean\": 1, \"sd\": 0.2}", "{\"distribution\": \"normal\"", 0,
                    "$.replicates.uncertainty[0].factor", "a factor must stay positive"),
            trial("uncertainty of a parameter the cohort does not sample", "\"parameter\": \"r\", \"field\"",
                    "\"parameter\": \"K\", \"field\"", "\"K\"", 0, "$.replicates.uncertainty[1].parameter",
                    "'K' has no distribution in the cohort"),
            new Case("a replicate's factor pushing a fixed value out of range", Fixtures.COHORT,
                    Fixtures.replace(Fixtures.TRIAL, "\"source\": \"u2\"}",
                            "\"source\": \"u2\"},\n    {\"parameter\": \"t_LD\", \"field\": \"value\", \"factor\": {\"distribution\": \"uniform\", \"min\": 5, \"max\": 10}, \"source\": \"u3\"}"),
                    false, "{\"distribution\": \"fixed\", \"value\": -7", 0, "$.parameters.t_LD",
                    "in replicate 0 (drawn: rho.median x"),
            new Case("a replicate's draw leaving almost no mass", Fixtures.COHORT,
                    Fixtures.replace(Fixtures.TRIAL, "{\"parameter\": \"r\", \"field\": \"median\", \"value\": {\"distribution\": \"uniform\", \"min\": 0.04, \"max\": 0.06}",
                            "{\"parameter\": \"Tpos0\", \"field\": \"median\", \"value\": {\"distribution\": \"log-uniform\", \"min\": 1e14, \"max\": 1e15}"),
                    false, "{\"distribution\": \"lognormal\", \"median\": 5e10", 0, "$.parameters.Tpos0",
                    "in replicate 0 (drawn: rho.median x"),
            // ---- models without bundles or doses
            new Case("required parameter without value", PP_COHORT, PP_TRIAL, true, "{\"name\": \"only\"}", 0, "$.arms[0]",
                    "parameter 'd' of model predator-prey has no value (the model gives no default)"),
            new Case("doses for a model without infusions", PP_COHORT,
                    Fixtures.replace(PP_TRIAL, "{\"name\": \"only\"}", "{\"name\": \"only\", \"overrides\": {\"d\": 0.1}, \"doses\": [{\"day\": 0, \"cells\": 1e8}]}"),
                    true, "[{\"day\"", 0, "$.arms[0].doses", "model predator-prey takes no infusions"),
            new Case("\"preset\" location without any value", Fixtures.replace(PP_COHORT, "\"median\": 0.1", "\"median\": \"preset\""),
                    Fixtures.replace(PP_TRIAL, "{\"name\": \"only\"}", "{\"name\": \"only\", \"overrides\": {\"d\": 0.1}}"),
                    false, "{\"distribution\": \"lognormal\", \"median\": \"preset\"", 0, "$.parameters.r",
                    "median \"preset\" takes the arm's value of 'r', but the model has no default for it")
        );
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsReportedWithFileFieldAndPosition(Case c) throws IOException {
        final Path cohortFile = Fixtures.write(dir, "cohort.json", c.cohort());
        final Path trialFile = c.trial() == null ? null : Fixtures.write(dir, "trial.json", c.trial());
        final List<Path> before = listing();
        final BadInputException e = assertThrows(BadInputException.class, () -> {
            if (trialFile == null) {
                CohortLoader.load(cohortFile, FakeCartModel::lookup);
            } else {
                TrialLoader.load(trialFile, FakeCartModel::lookup);
            }
        });
        final Path file = c.inTrial() ? trialFile : cohortFile;
        final String text = c.inTrial() ? c.trial() : c.cohort();
        final String at = position(text, c.needle(), c.offset());
        final String expected = file + ":" + at + ": " + (c.path() == null ? "" : c.path() + ": ");
        final boolean found = e.problems().stream().anyMatch(p -> p.startsWith(expected) && p.contains(c.fragment()));
        assertTrue(found, "expected a problem starting with '" + expected + "' containing '" + c.fragment() + "', got:\n"
                + String.join("\n", e.problems()));
        // Loading never writes: the folder holds exactly the input files.
        assertEquals(before, listing());
    }

    @Test
    void everyProblemOfBothFilesInOneReport() throws IOException {
        String cohort = Fixtures.replace(Fixtures.COHORT, "\"cv\": 0.5", "\"cv\": -0.5");
        cohort = Fixtures.replace(cohort, "\"model\": \"fake-cart\",", "\"model\": \"fake-cart\", \"colour\": \"blue\",");
        String trial = Fixtures.replace(Fixtures.TRIAL, "\"seed\": 12345,", "\"seed\": 1.5,");
        trial = Fixtures.replace(trial, "{\"day\": 0, \"cells\": 1e8}", "{\"day\": 0, \"cells\": -1}");
        trial = Fixtures.replace(trial, "\"conditioning\": \"none\"", "\"conditioning\": \"mild\"");
        trial = Fixtures.replace(trial, "\"patients_per_arm\": 1000,", "\"patients_per_arm\": 1000, \"patients_per_arm\": 2000,");
        Fixtures.write(dir, "cohort.json", cohort);
        final Path t = Fixtures.write(dir, "trial.json", trial);
        final BadInputException e = assertThrows(BadInputException.class, () -> TrialLoader.load(t, FakeCartModel::lookup));
        final List<String> paths = e.problems().stream()
                .map(p -> p.replaceFirst("^[^ ]+ ", "").replaceFirst(":.*", ""))
                .collect(Collectors.toList());
        assertEquals(List.of("$.patients_per_arm", "$.seed", "$.arms[0].doses[0].cells", "$.arms[2].conditioning",
                "$.parameters.r.cv", "$.colour"), paths, String.join("\n", e.problems()));
        assertTrue(e.getMessage().startsWith("6 problems:"), e.getMessage());
    }

    @Test
    void structuralAndDistributionProblemsInOneReport() throws IOException {
        // A misspelt field, an invalid cv, and a truncation keeping almost no mass: all three at once.
        String cohort = Fixtures.replace(Fixtures.COHORT, "\"model\": \"fake-cart\",", "\"model\": \"fake-cart\", \"modle\": 1,");
        cohort = Fixtures.replace(cohort, "\"cv\": 0.5", "\"cv\": -0.5");
        cohort = Fixtures.replace(cohort, "\"lower\": 1e9, \"upper\": 5e11", "\"lower\": 1e15, \"upper\": 1e16");
        final Path c = Fixtures.write(dir, "cohort.json", cohort);
        final BadInputException e = assertThrows(BadInputException.class, () -> CohortLoader.load(c, FakeCartModel::lookup));
        assertEquals(3, e.problems().size(), String.join("\n", e.problems()));
        assertTrue(e.problems().get(0).contains("$.parameters.r.cv: cv must be positive"), e.problems().get(0));
        assertTrue(e.problems().get(1).contains("$.modle: unknown field"), e.problems().get(1));
        assertTrue(e.problems().get(2).contains("$.parameters.Tpos0: truncation to [1e+15, 1e+16] keeps a probability mass"),
                e.problems().get(2));
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    private static String position(String text, String needle, int offset) {
        final String at = Fixtures.position(text, needle);
        final int colon = at.indexOf(':');
        return at.substring(0, colon) + ":" + (Integer.parseInt(at.substring(colon + 1)) + offset);
    }
}
