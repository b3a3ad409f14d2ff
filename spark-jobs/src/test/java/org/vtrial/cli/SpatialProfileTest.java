package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.io.StrictJson;

class SpatialProfileTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String[] SMALL = {"patient", "--model", "fisher-kpp", "--set", "n_x=60", "--set", "L_x=6",
        "--t-end", "12"};

    private static String[] with(String... more) {
        final String[] a = new String[SMALL.length + more.length];
        System.arraycopy(SMALL, 0, a, 0, SMALL.length);
        System.arraycopy(more, 0, a, SMALL.length, more.length);
        return a;
    }

    @Test
    void profileRowsAreTheInitialStateAtZeroAndMatchTheEndpointsAtTheHorizon() throws Exception {
        final CliRun profile = run(with("--profile-at", "12,0"));
        assertEquals(0, profile.code(), profile.err());
        final List<String> lines = profile.out().lines().toList();
        assertEquals("t,x,T,E", lines.get(0));
        assertEquals(1 + 2 * 60, lines.size());
        // day 0 first (days are printed in order): the model's initial state, cell-averaged
        // infiltrate E0 = 1e4 on x < x0 = 0.5 mm = cells 0..4 of width 0.1 mm
        for (int i = 0; i < 60; i++) {
            final String[] f = lines.get(1 + i).split(",");
            assertEquals(0.0, Double.parseDouble(f[0]));
            assertEquals((i + 0.5) * 6.0 / 60, Double.parseDouble(f[1]), 1e-15);
            assertEquals(1e6, Double.parseDouble(f[2]));
            assertEquals(i < 5 ? 1e4 : 0.0, Double.parseDouble(f[3]));
        }
        // day 12: the tumor left in the profile gives the endpoint tumor_fraction_cleared
        double mass = 0;
        for (int i = 0; i < 60; i++) {
            final String[] f = lines.get(61 + i).split(",");
            assertEquals(12.0, Double.parseDouble(f[0]));
            mass += Double.parseDouble(f[2]);
        }
        final CliRun endpoints = run(with("--endpoints", "--set-endpoint", "depth=3"));
        assertEquals(0, endpoints.code(), endpoints.err());
        final JsonNode json = StrictJson.mapper().readTree(endpoints.out());
        final double cleared = json.get("endpoints").get("tumor_fraction_cleared").asDouble();
        assertEquals(cleared, 1 - mass / (60 * 1e6), 1e-12);
        assertTrue(cleared > 0.2 && cleared < 0.8, "cleared " + cleared);
        assertTrue(json.get("endpoints").get("front_speed").isNumber());
        assertTrue(json.get("endpoints").get("time_to_depth").isNumber());
    }

    @Test
    void badProfileRequestsExitTwoNamingTheOption() {
        final CliRun late = run(with("--profile-at", "5,20"));
        assertEquals(2, late.code());
        assertTrue(late.err().contains("--profile-at: day 20.0") && late.err().contains("[0.0, 12.0]"), late.err());

        final CliRun notSpatial = run("patient", "--model", "tumor-control", "--set", "r=0.1", "--set", "alpha=1e-9",
                "--set", "kappa=1e7", "--set", "delta=0.1", "--set", "T0=1e9", "--set", "C0=0", "--t-end", "10",
                "--profile-at", "5");
        assertEquals(2, notSpatial.code());
        assertTrue(notSpatial.err().contains("tumor-control has no spatial grid"), notSpatial.err());

        final CliRun both = run(with("--profile-at", "5", "--endpoints"));
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--profile-at and --endpoints"), both.err());

        final CliRun notNumber = run(with("--profile-at", "5,x"));
        assertEquals(2, notNumber.code());
        assertTrue(notNumber.err().contains("--profile-at"), notNumber.err());
    }
}
