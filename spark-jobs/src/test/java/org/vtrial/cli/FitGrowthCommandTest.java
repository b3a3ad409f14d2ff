package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vtrial.engine.io.StrictJson;

class FitGrowthCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /**
     * Two series in one file, interleaved: A logistic (N0 1e8, r 0.25/day, K 1e10), B Gompertz (N0 1e8,
     * r 0.1/day, K 1e10), 21 points every 2 days, 10% multiplicative noise (java.util.Random seed 3).
     */
    private static Path twoSeries(Path dir) throws Exception {
        final Random rng = new Random(3);
        final StringBuilder sb = new StringBuilder("series,t,N\n");
        for (int i = 0; i <= 20; i++) {
            final double t = 2 * i;
            final double logistic = 1e10 / (1 + (1e10 / 1e8 - 1) * Math.exp(-0.25 * t));
            final double gompertz = 1e10 * Math.exp(Math.log(1e8 / 1e10) * Math.exp(-0.1 * t));
            sb.append(String.format(Locale.ROOT, "A,%s,%.6g%n", t, logistic * Math.exp(0.1 * rng.nextGaussian())));
            sb.append(String.format(Locale.ROOT, "B,%s,%.6g%n", t, gompertz * Math.exp(0.1 * rng.nextGaussian())));
        }
        final Path f = dir.resolve("growth.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void tableNamesTheLawOfEachSeries(@TempDir Path dir) throws Exception {
        final CliRun r = run("fit-growth", twoSeries(dir).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("series 'A': 21 points, t = 0 .. 40 days; least squares on ln N"), r.out());
        final String a = r.out().substring(r.out().indexOf("series 'A'"), r.out().indexOf("series 'B'"));
        final String b = r.out().substring(r.out().indexOf("series 'B'"), r.out().indexOf("all 2 series"));
        assertTrue(a.contains("selected: logistic (min AIC; runner-up gompertz"), a);
        assertTrue(a.contains("pattern: per-capita rate falls linearly in N"), a);
        assertTrue(b.contains("selected: gompertz (min AIC; runner-up logistic"), b);
        assertTrue(b.contains("-> gompertz"), b);
        assertTrue(r.out().contains("all 2 series (same law, own parameters; AICs summed): selected:"), r.out());
    }

    @Test
    void jsonCarriesEstimatesErrorsAndSelection(@TempDir Path dir) throws Exception {
        final CliRun r = run("fit-growth", "--json", twoSeries(dir).toString());
        assertEquals(0, r.code(), r.err());
        final JsonNode root = StrictJson.mapper().readTree(r.out());
        assertEquals("log", root.get("scale").asText());
        final JsonNode a = root.get("series").get(0);
        assertEquals("A", a.get("name").asText());
        assertEquals(21, a.get("points").asInt());
        assertEquals("logistic", a.get("selection").get("selected").asText());
        final JsonNode logistic = a.get("fits").get(1);
        assertEquals("logistic", logistic.get("law").asText());
        assertEquals(0.0, logistic.get("delta_aic").asDouble());
        for (String[] p : new String[][] {{"N0", "1e8"}, {"r", "0.25"}, {"K", "1e10"}}) {
            final JsonNode node = logistic.get("parameters").get(p[0]);
            final double truth = Double.parseDouble(p[1]);
            assertTrue(Math.abs(node.get("estimate").asDouble() - truth) < 3 * node.get("standard_error").asDouble(),
                    p[0] + ": " + node);
        }
        assertEquals("exponential", a.get("fits").get(0).get("law").asText());
        assertTrue(a.get("fits").get(0).get("parameters").get("K") == null, "exponential growth has no K");
        assertEquals("logistic", a.get("per_capita_rate").get("suggested").asText());
        assertEquals("gompertz", root.get("series").get(1).get("selection").get("selected").asText());
        assertTrue(root.get("overall").get("selected").isTextual());
    }

    @Test
    void malformedInputExitsTwoWithLineAndColumn(@TempDir Path dir) throws Exception {
        final Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "t,N\n0,1\n1,oops\n2,-3\n");
        final CliRun r = run("fit-growth", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":3: column 'N': 'oops' is not a number"), r.err());
        assertTrue(r.err().contains(bad + ":4: column 'N': count must be positive, got -3"), r.err());

        final Path few = dir.resolve("few.csv");
        Files.writeString(few, "t,N\n0,1\n1,2\n2,4\n");
        final CliRun f = run("fit-growth", few.toString());
        assertEquals(2, f.code());
        assertTrue(f.err().contains("has 3 points"), f.err());

        final CliRun missing = run("fit-growth", dir.resolve("nope.csv").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("cannot read"), missing.err());

        final CliRun scale = run("fit-growth", "--scale", "sqrt", bad.toString());
        assertEquals(2, scale.code());
        assertTrue(scale.err().contains("--scale: expected log or linear, got 'sqrt'"), scale.err());
    }

    @Test
    void listedAmongSubcommands() {
        final CliRun r = run("--help");
        assertTrue(r.out().contains("fit-growth"), r.out());
    }

    @Test
    void compactNumbers() {
        assertEquals("40", FitGrowthCommand.g(40));
        assertEquals("0.1084", FitGrowthCommand.g(0.10841));
        assertEquals("3.18e+08", FitGrowthCommand.g(3.18e8));
        assertEquals("-", FitGrowthCommand.g(Double.NaN));
    }
}
