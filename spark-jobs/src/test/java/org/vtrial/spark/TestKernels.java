package org.vtrial.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ModelRegistry;
import org.vtrial.engine.model.builtin.TumorControlModel;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.GridObserver;
import org.vtrial.engine.sim.PatientKernel;
import org.vtrial.engine.sim.PatientKernelFactory;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.sim.SolveStatus;

/**
 * Kernels for testing the Spark plumbing independently of cohort files: tumor-control patients whose
 * parameters are a pure function of the key, with a configurable share of patients that cannot be
 * solved (a negative supply rate is outside the model's domain: INVALID_PARAMETERS; a tiny
 * evaluation cap on some patients: MAX_EVALUATIONS).
 */
final class TestKernels {

    private TestKernels() {
    }

    /** A factory of tumor-control kernels; {@code throwInArm >= 0} makes that arm's patients throw. */
    static PatientKernelFactory tumorControl(long seed, int arms, long perArm, int replicates, int failEvery,
                                             int throwInArm) {
        return () -> new TumorControlKernel(seed, arms, perArm, replicates, failEvery, throwInArm);
    }

    static final class TumorControlKernel implements PatientKernel {
        private final long seed;
        private final List<String> arms = new ArrayList<>();
        private final long perArm;
        private final int replicates;
        private final int failEvery;
        private final int throwInArm;
        private final Model model = ModelRegistry.get("tumor-control");
        private final PatientSimulator sim = PatientSimulator.create(model, IntegratorSettings.of(1e-8));
        private final PatientSimulator capped = PatientSimulator.create(model,
                IntegratorSettings.of(1e-8).withMaxEvaluations(20));
        private final List<ColumnSpec> columns = new ArrayList<>();
        private final double[] p = new double[6];
        private final double[] out = new double[PatientSimulator.SOLVER_COLUMNS.size()];
        private long nanos;

        TumorControlKernel(long seed, int armCount, long perArm, int replicates, int failEvery, int throwInArm) {
            this.seed = seed;
            for (int a = 0; a < armCount; a++) {
                arms.add("arm" + (char) ('A' + a));
            }
            this.perArm = perArm;
            this.replicates = replicates;
            this.failEvery = failEvery;
            this.throwInArm = throwInArm;
            for (String n : model.parameters().names()) {
                columns.add(ColumnSpec.real(n, "-", "parameter " + n));
            }
            columns.add(ColumnSpec.real("T_end", "cells", "tumor at the horizon"));
            columns.addAll(PatientSimulator.SOLVER_COLUMNS);
            columns.add(ColumnSpec.category(STATUS, "solve status", SolveStatus.LABELS));
        }

        @Override public List<ColumnSpec> columns() { return columns; }
        @Override public List<String> arms() { return arms; }
        @Override public int replicates() { return replicates; }
        @Override public long patientsPerArm() { return perArm; }
        @Override public List<String> stateNames() { return List.of("T", "C"); }
        @Override public long solverNanos() { return nanos; }

        private PatientSimulator params(int replicate, int arm, long index) {
            // common random numbers: the arm changes the supply rate only
            final SplittableRandom r = new SplittableRandom(seed * 1_000_003L + replicate * 7_919L + index);
            p[TumorControlModel.P_R] = 0.05 + 0.1 * r.nextDouble();
            p[TumorControlModel.P_ALPHA] = 1e-9 * (0.5 + r.nextDouble());
            p[TumorControlModel.P_KAPPA] = 1e7 * (1 + arm);
            p[TumorControlModel.P_DELTA] = 0.1;
            p[TumorControlModel.P_T0] = 1e9 * (0.5 + r.nextDouble());
            p[TumorControlModel.P_C0] = 0;
            final boolean fails = failEvery > 0 && index % failEvery == failEvery - 1;
            if (fails && index % 2 == 0) {
                p[TumorControlModel.P_KAPPA] = -1;
            }
            return fails && index % 2 == 1 ? capped : sim;
        }

        @Override
        public void compute(int replicate, int arm, long index, double[] row) {
            if (arm == throwInArm) {
                throw new IllegalStateException("kernel failure injected for arm " + arm);
            }
            final PatientSimulator s = params(replicate, arm, index);
            final long t0 = System.nanoTime();
            final SolveStatus status = s.solve(p, Regimen.none(), 60, new double[0], null, out, 0);
            nanos += System.nanoTime() - t0;
            for (int i = 0; i < 6; i++) {
                row[i] = p[i];
            }
            row[6] = status == SolveStatus.OK ? s.integrator().state()[0] : Double.NaN;
            System.arraycopy(out, 0, row, 7, out.length);
            row[7 + out.length] = status.ordinal();
        }

        @Override
        public SolveStatus trajectory(int replicate, int arm, long index, double every, GridObserver.Sink sink) {
            final PatientSimulator s = params(replicate, arm, index);
            final GridObserver grid = new GridObserver(2, sink);
            grid.reset(0, every, 60);
            final SolveStatus st = s.solve(p, Regimen.none(), 60, new double[0], grid, out, 0);
            grid.finish(s.integrator().time(), s.integrator().state());
            return st;
        }
    }
}
