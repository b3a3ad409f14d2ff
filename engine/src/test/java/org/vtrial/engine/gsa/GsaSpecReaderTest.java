package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.sim.ColumnSpec;

/** Spec files: the shipped ones parse; bad ones are refused with every problem, path, line and column. */
class GsaSpecReaderTest {

    private static final String GOOD = """
            {
              "name": "t",
              "model": {"name": "ishigami", "settings": {"a": 5}},
              "parameters": [
                {"name": "x1", "distribution": {"type": "uniform", "min": -3, "max": 3}},
                {"name": "x2", "distribution": {"type": "normal", "mean": 0, "sd": 1}},
                {"name": "x3", "distribution": {"type": "lognormal", "median": 2, "cv": 0.5}}
              ],
              "outputs": ["y"],
              "method": {"type": "sobol", "N": 64, "seed": 3}
            }
            """;

    private static List<String> problems(String text) {
        return assertThrows(BadInputException.class, () -> GsaSpecReader.parse("bad.json", text)).problems();
    }

    private static void assertProblem(String text, String expected) {
        final List<String> p = problems(text);
        assertTrue(p.stream().anyMatch(m -> m.contains(expected)), "expected '" + expected + "' in " + p);
    }

    @Test
    void theShippedSpecsParse() throws IOException, BadInputException {
        final Path conf = Path.of("..", "conf");
        final List<Path> specs;
        try (Stream<Path> s = Files.list(conf)) {
            specs = s.filter(p -> p.getFileName().toString().matches("gsa-.*\\.json")).sorted().toList();
        }
        assertTrue(specs.size() >= 3, "shipped specs: " + specs);
        for (Path p : specs) {
            final GsaPlan plan = GsaSpecReader.read(p);
            assertTrue(!plan.outputs().isEmpty(), p.toString());
        }
        final GsaPlan ishigami = GsaSpecReader.read(conf.resolve("gsa-ishigami.json"));
        assertEquals(List.of("x1", "x2", "x3"), ishigami.parameters());
        assertEquals(GsaPlan.Method.SOBOL, ishigami.method());
        assertEquals(8192, ishigami.design().bases());
        assertEquals(1000, ishigami.bootstrap().resamples());
        // 3.141592653589793 in the file is Math.PI exactly: the exact indices apply
        // the shared mapping clamps u to [2^-53, 1 - 2^-53]: pi within a few ulp
        assertEquals(Math.PI, ishigami.marginals().get(0).inverse(1), 1e-15);
        final GsaPlan morris = GsaSpecReader.read(conf.resolve("gsa-gfunction-morris.json"));
        assertEquals(GsaPlan.Method.MORRIS, morris.method());
        assertEquals(100, morris.design().bases());
    }

    @Test
    void aGoodSpecGivesItsSettingsDefaultsAndDistributions() throws BadInputException {
        final GsaPlan plan = GsaSpecReader.parse("good.json", GOOD);
        assertEquals(GsaSpecReader.DEFAULT_BOOTSTRAP, plan.bootstrap().resamples());
        assertEquals(GsaSpecReader.DEFAULT_CONFIDENCE, plan.bootstrap().confidence());
        assertEquals(3, plan.bootstrap().seed());
        // lognormal by median 2 and cv 0.5: log_sd = sqrt(ln(1 + 0.25)); the median is 2
        assertEquals(2, plan.marginals().get(2).inverse(0.5), 1e-12);
        assertEquals(2 * Math.exp(Math.sqrt(Math.log(1.25))), plan.marginals().get(2).inverse(0.8413447460685429),
                1e-9);
        // a = 5 set, b = 0.1 default: y(pi/2, pi/2, 1) = 1 + 5 + 0.1
        final double[] y = new double[1];
        plan.evaluator().create().evaluate(new double[] {Math.PI / 2, Math.PI / 2, 1}, y);
        assertEquals(6.1, y[0], 1e-15);
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrderWithPathLineAndColumn() {
        final String text = """
                {
                  "name": "bad",
                  "colour": "red",
                  "model": {"name": "ishigami"},
                  "parameters": [
                    {"name": "x1", "distribution": {"type": "uniform", "min": 0, "max": 1}},
                    {"name": "x1", "distribution": {"type": "triangular"}},
                    {"name": "x3", "distribution": {"type": "normal", "mean": 0}}
                  ],
                  "outputs": ["z"],
                  "method": {"type": "sobol", "N": 1000, "seed": 1}
                }
                """;
        // positions counted by hand in the text above (line:column of the offending key or value;
        // a missing field is reported at its parent)
        assertEquals(List.of(
                "bad.json:3:3: $.colour: unknown field; known here: name, description, model, parameters, outputs, method",
                "bad.json:4:3: $.model: input 'x2' of ishigami is neither varied nor fixed: list it in parameters "
                        + "or give it in model.fixed",
                "bad.json:7:6: $.parameters[1].name: parameter 'x1' is listed twice",
                "bad.json:7:37: $.parameters[1].distribution.type: unknown distribution 'triangular'; known: uniform, "
                        + "log-uniform, normal, lognormal",
                "bad.json:8:20: $.parameters[2].distribution.sd: required number is missing",
                "bad.json:10:15: $.outputs[0]: unknown output column 'z'; known: y",
                "bad.json:11:31: $.method.N: N = 1000 is not a power of two: a Sobol design is balanced only for "
                        + "N = 2^m points; use 512 or 1024"), problems(text));
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        assertProblem("{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}", "bad.json:3:");
        assertProblem("{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}", "Duplicate field 'name'");
        assertProblem("{\"name\": NaN}", "bad.json:1:");
        assertProblem("{\"name\": \"a\"} {}", "bad.json:1:");
        assertProblem("", "empty file");
        assertProblem("[1, 2]", "$: expected an object, got an array");
    }

    @Test
    void numbersMustHaveTheRightKind() {
        assertProblem(GOOD.replace("\"N\": 64", "\"N\": 64.0"), "$.method.N: expected a whole number, got the fractional number 64.0");
        assertProblem(GOOD.replace("\"seed\": 3", "\"seed\": \"3\""), "$.method.seed: expected a whole number, got a string");
        assertProblem(GOOD.replace("\"seed\": 3", "\"seed\": 3, \"bootstrap\": 50"), "$.method.bootstrap: bootstrap = 50");
        assertProblem(GOOD.replace("\"seed\": 3", "\"seed\": 3, \"confidence\": 1.5"), "$.method.confidence: confidence = 1.5");
        assertProblem(GOOD.replace("\"max\": 3", "\"max\": 1e400"), "$.parameters[0].distribution.max: number overflows");
        assertProblem(GOOD.replace("\"min\": -3", "\"min\": 3"), "$.parameters[0].distribution: min (3) must be below max (3)");
        assertProblem(GOOD.replace("\"N\": 64", "\"N\": 1"), "$.method.N: N = 1 is out of range");
        assertProblem(GOOD.replace("\"N\": 64", "\"N\": 1073741824"), "$.method.N: N (k + 2) points times 1 outputs = "
                + "5368709120 values: more than the driver holds");
        assertProblem(GOOD.replace("\"settings\": {\"a\": 5}", "\"settings\": {\"a\": [5]}"),
                "$.model.settings.a: expected a number, got an array");
    }

    @Test
    void methodAndModelNamesAreChecked() {
        assertProblem(GOOD.replace("\"sobol\"", "\"fast\""), "$.method.type: unknown method 'fast'; known: sobol, morris");
        assertProblem(GOOD.replace("\"type\": \"sobol\", \"N\": 64", "\"type\": \"morris\", \"trajectories\": 10, \"levels\": 3"),
                "$.method.levels: levels = 3 must be even");
        assertProblem(GOOD.replace("\"type\": \"sobol\", \"N\": 64", "\"type\": \"morris\", \"N\": 10"),
                "$.method.trajectories: required whole number is missing");
        assertProblem(GOOD.replace("\"name\": \"ishigami\"", "\"name\": \"rosenbrock\""),
                "unknown model 'rosenbrock'; analytic: ishigami, g-function; built-in: predator-prey, tumor-control, fisher-kpp, cart");
        assertProblem(GOOD.replace("\"settings\": {\"a\": 5}", "\"settings\": {\"c\": 5}"),
                "$.model.settings.c: unknown setting of ishigami; known: a, b");
        assertProblem(GOOD.replace("\"settings\": {\"a\": 5}", "\"fixed\": {\"x1\": 1}"), "$.model.fixed.x1: input 'x1' is both varied and fixed");
        assertProblem(GOOD.replace("\"outputs\": [\"y\"]", "\"outputs\": [\"y\", \"y\"]"), "$.outputs[1]: output 'y' is listed twice");
        assertProblem(GOOD.replace("\"outputs\": [\"y\"]", "\"outputs\": [{\"name\": \"x1\", \"column\": \"y\"}]"),
                "$.outputs[0]: output name 'x1' clashes with a varied parameter");
        assertProblem(GOOD.replace("\"outputs\": [\"y\"]", "\"outputs\": [{\"name\": \"block\", \"column\": \"y\"}]"),
                "clashes with a reserved column of the design table");
        assertProblem(GOOD.replace("\"outputs\": [\"y\"]", "\"outputs\": [{\"column\": \"y\", \"in\": [\"CR\"]}]"),
                "$.outputs[0]: column 'y' is not labelled");
        assertProblem(GOOD.replace("\"outputs\": [\"y\"]", "\"outputs\": []"), "$.outputs: at least one output");
        assertProblem(GOOD.replace("\"outputs\": [\"y\"]", "\"outputs\": [{\"column\": \"y\", \"transform\": \"ln\"}]"),
                "$.outputs[0].transform: unknown transform 'ln'; known: none, log10");
        assertProblem(GOOD.replace("\"name\": \"t\"", "\"name\": \"a b\""), "$.name: 'a b' is not a valid name");
    }

    private static final String TUMOR = """
            {
              "name": "tc",
              "model": {"name": "tumor-control", "t_end": 30, "rtol": 1e-8,
                        "fixed": {"kappa": 1e7, "delta": 0.1, "T0": 1e9, "C0": 0}},
              "parameters": [
                {"name": "r", "distribution": {"type": "uniform", "min": 0.05, "max": 0.15}},
                {"name": "alpha", "distribution": {"type": "log-uniform", "min": 1e-10, "max": 1e-9}}
              ],
              "outputs": ["T_end", {"name": "cart_cells", "column": "C_end"}],
              "method": {"type": "sobol", "N": 16, "seed": 1, "bootstrap": 0}
            }
            """;

    @Test
    void builtInModelsAreCheckedAgainstTheirParameterDeclarations() throws BadInputException {
        final GsaPlan plan = GsaSpecReader.parse("tc.json", TUMOR);
        assertEquals(List.of("T_end", "cart_cells"), plan.outputs());
        assertProblem(TUMOR.replace("\"C0\": 0", "\"C0\": 0, \"K\": 1"),
                "$.model.fixed.K: model tumor-control has no parameter 'K'; known: r, alpha, kappa, delta, T0, C0");
        assertProblem(TUMOR.replace("\"T0\": 1e9, ", ""),
                "$.model: parameter 'T0' of tumor-control has no default: vary it or give it in model.fixed");
        assertProblem(TUMOR.replace("\"min\": 0.05", "\"min\": -0.05"),
                "leaves the admissible range [0.0, 1000.0] of 'r'");
        assertProblem(TUMOR.replace("\"kappa\": 1e7", "\"kappa\": -1"), "$.model.fixed.kappa: parameter 'kappa': -1.0 outside");
        assertProblem(TUMOR.replace("\"t_end\": 30", "\"t_end\": 30, \"doses\": [{\"day\": 0, \"cells\": 1e8}]"),
                "$.model.doses: model tumor-control takes no infusions");
        assertProblem(TUMOR.replace("\"t_end\": 30", "\"t_end\": -30"), "$.model.t_end: horizon must be a positive number");
        assertProblem(TUMOR.replace("\"t_end\": 30, ", ""), "$.model.t_end: required number is missing");
        assertProblem(TUMOR.replace("\"rtol\": 1e-8", "\"rtol\": 2"), "$.model.rtol: relative tolerance must be in");
        assertProblem(TUMOR.replace("\"t_end\": 30", "\"t_end\": 30, \"endpoint_settings\": {\"cr\": 0.1}"),
                "$.model.endpoint_settings.cr: model tumor-control has no endpoint setting 'cr'");
        assertProblem(TUMOR.replace("\"preset\"", "x").replace("\"t_end\": 30", "\"t_end\": 30, \"preset\": \"CD28\""),
                "$.model.preset: unknown preset 'CD28' of model tumor-control (it has none)");
        assertProblem(TUMOR.replace("\"T_end\",", "\"Tumor_end\","),
                "$.outputs[0]: unknown output column 'Tumor_end'; known: T_end, C_end");
        assertProblem(TUMOR.replace("\"settings\"", "x").replace("\"t_end\": 30", "\"t_end\": 30, \"settings\": {}"),
                "$.model.settings: unknown field; known here: name, preset, conditioning, doses, t_end, rtol, method, fixed, endpoint_settings");
        assertProblem(TUMOR.replace("\"rtol\": 1e-8", "\"rtol\": 1e-8, \"method\": \"rk4\""),
                "$.model.method: unknown integration method 'rk4' (choose dp54, tsit5 or dp853)");
    }

    @Test
    void aNamedChoiceCannotVary() {
        final String text = """
                {
                  "name": "pp",
                  "model": {"name": "predator-prey", "t_end": 10},
                  "parameters": [{"name": "growth", "distribution": {"type": "uniform", "min": 0, "max": 2}}],
                  "outputs": ["B_end"],
                  "method": {"type": "sobol", "N": 16, "seed": 1}
                }
                """;
        assertProblem(text, "$.parameters[0].name: 'growth' is a named choice [exponential, logistic, gompertz]: "
                + "it cannot vary continuously; set it in model.fixed");
    }

    @Test
    void labelledColumnsAreAnalysedAsIndicatorsOfALabelSet() {
        final List<ColumnSpec> columns = List.of(ColumnSpec.real("cmax", "cells", "peak"),
                ColumnSpec.category("best_response", "response", List.of("CR", "PR", "SD", "PD")));
        final OutputSelector s = new OutputSelector(columns, List.of(new OutputSpec("response", "best_response",
                List.of("CR", "PR")), new OutputSpec("cmax", "cmax", List.of())));
        final double[] y = new double[2];
        s.select(new double[] {5e9, 1}, y);
        assertEquals(1, y[0], "PR is in {CR, PR}");
        assertEquals(5e9, y[1]);
        s.select(new double[] {1, 3}, y);
        assertEquals(0, y[0], "PD is not");
        s.select(new double[] {1, Double.NaN}, y);
        assertEquals(0, y[0], "no label is outside the set");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OutputSelector(columns,
                List.of(new OutputSpec("r", "best_response", List.of())))).getMessage()
                .contains("give \"in\": [labels]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OutputSelector(columns,
                List.of(new OutputSpec("r", "best_response", List.of("CR"), OutputSpec.LOG10)))).getMessage()
                .contains("transform log10 applies only to numeric columns"));
        // log10 of a numeric column; a non-positive value has no logarithm (undefined: NaN)
        final OutputSelector log = new OutputSelector(columns, List.of(new OutputSpec("lc", "cmax", List.of(),
                OutputSpec.LOG10)));
        final double[] z = new double[1];
        log.select(new double[] {1e9, 0}, z);
        assertEquals(9, z[0], 1e-15);
        log.select(new double[] {0, 0}, z);
        assertTrue(Double.isNaN(z[0]));
        assertEquals("log10(cells)", log.outputs().get(0).unit());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OutputSelector(columns,
                List.of(new OutputSpec("r", "best_response", List.of("CRi"))))).getMessage()
                .contains("has no label 'CRi'; labels: [CR, PR, SD, PD]"));
    }
}
