package org.vtrial.engine.gsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.builtin.TumorControlModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.Dose;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/** Virtual patients of a built-in ODE model through the GSA pipeline: values and failed points. */
class PatientEvaluatorTest {

    private static String spec(String rDistribution) {
        return spec(rDistribution, "dp54");
    }

    private static String spec(String rDistribution, String integrator) {
        return """
                {
                  "name": "tc",
                  "model": {"name": "tumor-control", "t_end": 30, "rtol": 1e-10, "method": "%s",
                            "fixed": {"kappa": 1e7, "delta": 0.1, "T0": 1e9, "C0": 0}},
                  "parameters": [
                    {"name": "r", "distribution": %s},
                    {"name": "alpha", "distribution": {"type": "log-uniform", "min": 1e-10, "max": 1e-9}}
                  ],
                  "outputs": ["T_end", "C_end"],
                  "method": {"type": "sobol", "N": 32, "seed": 1, "bootstrap": 0}
                }
                """.formatted(integrator, rDistribution);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dp54", "dp853"})
    void designPointsAreSolvedToTheClosedFormOfTumorControl(String integrator) throws BadInputException {
        final GsaPlan plan = GsaSpecReader.parse("tc.json",
                spec("{\"type\": \"uniform\", \"min\": 0.05, \"max\": 0.15}", integrator));
        final GsaPlan.Kernel kernel = plan.newKernel();
        final double[] p = new double[6];
        for (int base = 0; base < 32; base += 5) {
            for (int block = 0; block < plan.design().blocks(); block++) {
                assertEquals(SolveStatus.OK, kernel.compute(base, block));
                p[TumorControlModel.P_R] = kernel.parameters()[0];
                p[TumorControlModel.P_ALPHA] = kernel.parameters()[1];
                p[TumorControlModel.P_KAPPA] = 1e7;
                p[TumorControlModel.P_DELTA] = 0.1;
                p[TumorControlModel.P_T0] = 1e9;
                p[TumorControlModel.P_C0] = 0;
                // MODELS.md section 2 closed form; rtol 1e-10 per step leaves ~1e-8 relative at day 30
                final double tumor = TumorControlModel.exactTumor(p, 30);
                assertEquals(tumor, kernel.outputs()[0], 1e-6 * tumor, "T(30) at (" + base + ", " + block + ")");
                assertEquals(TumorControlModel.exactCarT(p, 30), kernel.outputs()[1], 1e-6 * 1e8);
            }
        }
    }

    @Test
    void patientsOutsideTheModelsDomainAreReportedAndTheirBasesDropped() throws BadInputException {
        // r ~ normal(0.02, 0.05) is negative with probability Phi(-0.4) = 0.3445782583896758 (normal
        // table): such patients are INVALID_PARAMETERS; count them from the design's probabilities
        final GsaPlan plan = GsaSpecReader.parse("tc.json", spec("{\"type\": \"normal\", \"mean\": 0.02, \"sd\": 0.05}"));
        final double threshold = 0.3445782583896758;
        final Design d = plan.design();
        final Design.Points points = d.points();
        final double[] u = new double[2];
        long invalid = 0;
        int brokenBases = 0;
        for (int base = 0; base < d.bases(); base++) {
            boolean broken = false;
            for (int block = 0; block < d.blocks(); block++) {
                points.point(base, block, u);
                if (u[0] < threshold) {
                    invalid++;
                    broken = true;
                }
            }
            brokenBases += broken ? 1 : 0;
        }
        assertTrue(invalid > 0 && brokenBases < d.bases(), invalid + " invalid points in " + brokenBases + " bases");
        final SensitivityReport report = plan.analyse(plan.evaluateInProcess());
        assertEquals(invalid, report.byStatus().get("INVALID_PARAMETERS"));
        assertEquals(d.rows() - invalid, report.byStatus().get("OK"));
        assertEquals(invalid, report.failedPoints());
        for (OutputAnalysis a : report.outputs()) {
            assertEquals(brokenBases, a.dropped(), a.output());
            assertEquals(d.bases() - brokenBases, a.used(), a.output());
        }
    }

    @Test
    void cartDesignPointsAreTheSamePatientsAsADirectSolve() throws BadInputException {
        // the shipped cart analysis: preset 4-1BB and standard conditioning (the model's defaults),
        // one dose of 1e8 cells at day 0, 730 days; the reference solves the same parameter vector
        // with the simulator directly and maps the endpoints by hand
        final GsaPlan plan = GsaSpecReader.read(Path.of("..", "conf", "gsa-cart.json"));
        final Model cart = ModelRegistry.get("cart");
        final PatientSimulator sim = PatientSimulator.create(cart, IntegratorSettings.of(1e-6));
        final List<ColumnSpec> cols = sim.endpointColumns();
        final double[] row = new double[cols.size() + PatientSimulator.SOLVER_COLUMNS.size()];
        final Regimen dose = new Regimen(List.of(new Dose(0, 1e8)));
        final GsaPlan.Kernel kernel = plan.newKernel();
        int responders = 0;
        for (int base = 0; base < 40; base += 3) {
            for (int block : new int[] {0, 1, 7}) {
                final SolveStatus status = kernel.compute(base, block);
                final double[] p = cart.parameters().defaults();
                for (int j = 0; j < plan.parameters().size(); j++) {
                    p[cart.parameters().require(plan.parameters().get(j))] = kernel.parameters()[j];
                }
                assertEquals(sim.solve(p, dose, 730, sim.defaultEndpointSettings(), null, row, 0), status);
                final double cmax = row[index(cols, "cmax")];
                final String response = cols.get(index(cols, "best_response")).label(row[index(cols, "best_response")]);
                final String antigen = cols.get(index(cols, "relapse_antigen")).label(row[index(cols, "relapse_antigen")]);
                assertEquals(StrictMath.log10(cmax), kernel.outputs()[0]);
                assertEquals("CR".equals(response) ? 1.0 : 0.0, kernel.outputs()[1]);
                assertEquals("negative".equals(antigen) ? 1.0 : 0.0, kernel.outputs()[2]);
                responders += "CR".equals(response) ? 1 : 0;
            }
        }
        assertTrue(responders > 0, "the sample holds responders");
    }

    private static int index(List<ColumnSpec> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
