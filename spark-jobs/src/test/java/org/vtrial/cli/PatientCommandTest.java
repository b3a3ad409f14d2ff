package org.vtrial.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * {@code vtrial patient --method}: one {@code cart} patient solved by both integration methods. The
 * reference for each is the other: two different Runge–Kutta pairs that agree on the endpoints to a
 * few tolerance units at rtol 1e-8 (relative 1e-6 allows ~100 units, far above the measured 2–8 of
 * docs/PERFORMANCE.md, far below any defect), with the order-8 pair taking fewer steps.
 */
class PatientCommandTest {

    private static JsonNode solve(String method) throws Exception {
        final CliRun r = CliRun.of("patient", "--model", "cart", "--preset", "CD28", "--t-end", "120", "--rtol", "1e-8",
                "--endpoints", "--method", method);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void bothMethodsGiveTheSameEndpointsAndSayWhichSolvedThem() throws Exception {
        final JsonNode low = solve("dp54");
        final JsonNode high = solve("dp853");
        assertEquals("dp54", low.get("solver").get("method").asText());
        assertEquals("dp853", high.get("solver").get("method").asText());
        assertEquals(1e-8, high.get("solver").get("rtol").asDouble(), 0.0);
        for (String endpoint : new String[] {"cmax", "auc_0_28", "exposure", "il6_peak"}) {
            final double a = low.get("endpoints").get(endpoint).asDouble();
            final double b = high.get("endpoints").get(endpoint).asDouble();
            assertEquals(a, b, 1e-6 * Math.abs(a), endpoint);
        }
        assertEquals(low.get("endpoints").get("tmax").asDouble(), high.get("endpoints").get("tmax").asDouble(), 1e-4);
        assertEquals(low.get("endpoints").get("best_response").asText(), high.get("endpoints").get("best_response").asText());
        assertTrue(high.get("solver").get("steps").asLong() < low.get("solver").get("steps").asLong() / 2,
                high.get("solver") + " vs " + low.get("solver"));
    }

    @Test
    void anUnknownMethodIsNamed() {
        final CliRun r = CliRun.of("patient", "--model", "cart", "--t-end", "30", "--endpoints", "--method", "rk4");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--method: unknown integration method 'rk4' (choose dp54, tsit5 or dp853)"), r.err());
    }
}
