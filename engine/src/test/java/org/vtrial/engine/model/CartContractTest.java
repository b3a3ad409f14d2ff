package org.vtrial.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * The costimulation contract of MODELS.md §3 as numbers: CD28 (the hare) peaks earlier and higher and
 * contracts within weeks; 4-1BB (the tortoise) peaks later and lower and persists with a late
 * half-life of hundreds of days. MODELS.md's figures (CD28 peak about day 8, late half-life about 13
 * days; 4-1BB about day 9.5 and 250 days; tumor cleared within two weeks; antigen-negative relapse)
 * are the solution without conditioning; {@link #conditionedContract()} states what standard
 * conditioning changes.
 */
class CartContractTest {

    /** Figures of one patient. */
    static final class Figures {
        double firstPeakDay;
        double firstPeak;
        double cmax;
        double tmax;
        double cmaxBlood;
        double lateHalfLife;
        double clearanceDay = Double.NaN;
        double relapseDay;
        String relapseAntigen;

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %.2f | %.3g | %.2f | %.3g | %.0f | %.1f | %.2f | %.1f | %s |", name,
                    firstPeakDay, firstPeak, tmax, cmax, cmaxBlood, lateHalfLife, clearanceDay, relapseDay, relapseAntigen);
        }
    }

    /**
     * Solves a patient; the first peak and the late half-life come from a 0.01-day grid of E+M+X on
     * the dense output (the half-life between days 180 and 365: ln 2 times the interval over the log
     * ratio), the rest from the endpoints.
     */
    static Figures figures(String preset, String conditioning) {
        final double[] p = CartRuns.params(preset, conditioning);
        final PatientSimulator sim = PatientSimulator.create(CartRuns.MODEL, IntegratorSettings.of(1e-6));
        final Figures f = new Figures();
        final double[] c180 = new double[2];
        final boolean[] falling = {false};
        final GridObserver grid = new GridObserver(CartModel.DIMENSION, (t, y) -> {
            final double c = y[CartModel.E] + y[CartModel.M] + y[CartModel.X];
            if (t >= 0 && !falling[0]) {
                if (c >= f.firstPeak) {
                    f.firstPeak = c;
                    f.firstPeakDay = t;
                } else {
                    falling[0] = true;
                }
            }
            if (Double.isNaN(f.clearanceDay) && t > 0 && y[CartModel.TPOS] == 0.0) {
                f.clearanceDay = t;
            }
            if (Math.abs(t - 180) < 1e-6) {
                c180[0] = c;
            }
            if (Math.abs(t - 365) < 1e-6) {
                c180[1] = c;
            }
        });
        grid.reset(CartRuns.MODEL.startTime(p), 0.01, 730);
        final double[] row = new double[64];
        assertEquals(SolveStatus.OK, sim.solve(p, Regimen.none(), 730, sim.defaultEndpointSettings(), grid, row, 0));
        f.lateHalfLife = 185 * Math.log(2) / Math.log(c180[0] / c180[1]);
        f.cmax = row[0];
        f.cmaxBlood = row[1];
        f.tmax = row[2];
        final int relapseDay = sim.endpointColumns().indexOf(sim.endpointColumns().stream()
                .filter(c -> c.name().equals("relapse_day")).findFirst().orElseThrow());
        f.relapseDay = row[relapseDay];
        f.relapseAntigen = sim.endpointColumns().get(relapseDay + 2).label(row[relapseDay + 2]);
        return f;
    }

    @Test
    void hareAndTortoiseWithoutConditioning() {
        final Figures cd28 = figures("CD28", "none");
        final Figures bb = figures("4-1BB", "none");
        System.out.println(cd28.row("CD28 / none"));
        System.out.println(bb.row("4-1BB / none"));
        // MODELS.md: CD28 peak about day 8, 4-1BB about day 9.5 (here the global peak is the first)
        assertEquals(cd28.firstPeakDay, cd28.tmax, 0.01);
        assertEquals(bb.firstPeakDay, bb.tmax, 0.01);
        assertEquals(8.0, cd28.tmax, 0.5);
        assertEquals(9.5, bb.tmax, 0.5);
        assertTrue(cd28.cmax > 1.1 * bb.cmax, "CD28 higher: " + cd28.cmax + " vs " + bb.cmax);
        // late half-life: about 13 days vs about 250 days (tisagenlecleucel's terminal half-life is
        // about 220 days, Stein et al. 2019)
        assertEquals(13.0, cd28.lateHalfLife, 2.0);
        assertEquals(250.0, bb.lateHalfLife, 40.0);
        for (Figures f : new Figures[] {cd28, bb}) {
            assertTrue(f.clearanceDay < 14, "tumor cleared within two weeks: " + f.clearanceDay);
            assertEquals("negative", f.relapseAntigen);
            assertTrue(f.relapseDay > 150 && f.relapseDay < 250, "relapse day " + f.relapseDay);
        }
    }

    @Test
    void conditionedContract() {
        // Standard conditioning (lambda_LD = 0.8/day on days -5..-3) lowers L for months (d_L = 0.01/day)
        // and raises Cy several-fold: the expansion peak of both products comes earlier and higher, and
        // for 4-1BB, whose memory death d_M = 0.05 is close to hom at baseline Cy, homeostatic
        // proliferation on the raised Cy grows the memory pool for about three months after the
        // expansion peak. The hare-and-tortoise order of the expansion peak and of the late half-life
        // holds; the global maximum (cmax) of 4-1BB is this second, homeostatic wave.
        final Figures cd28 = figures("CD28", "standard");
        final Figures bb = figures("4-1BB", "standard");
        System.out.println(cd28.row("CD28 / standard"));
        System.out.println(bb.row("4-1BB / standard"));
        assertTrue(cd28.firstPeakDay < bb.firstPeakDay);
        assertTrue(cd28.firstPeak > bb.firstPeak);
        assertTrue(cd28.lateHalfLife < 30 && bb.lateHalfLife > 100);
        assertTrue(bb.tmax > 60, "4-1BB global peak is the homeostatic wave: day " + bb.tmax);
        assertTrue(cd28.clearanceDay < 14 && bb.clearanceDay < 14);
    }
}
