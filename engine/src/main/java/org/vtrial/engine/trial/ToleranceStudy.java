package org.vtrial.engine.trial;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sim.ColumnSpec;
import org.vtrial.engine.sim.ColumnType;
import org.vtrial.engine.sim.PatientSimulator;
import org.vtrial.engine.sim.SolveStatus;

/**
 * How a trial's endpoints converge as the solver's relative tolerance tightens, and what each
 * tolerance costs (a work–precision study on the trial's own patients). The first patients of every
 * arm (replicate 0) are solved by the trial's own kernel at each tolerance and at a much tighter
 * reference tolerance; per tolerance the study reports steps, evaluations and CPU time per patient
 * (median over rounds alternated across the tolerances, so that all see the same load), and per
 * endpoint column the worst difference from the reference over the patients:
 * <ul>
 * <li>an amount: relative, {@code |x - ref| / |ref|} (absolute when the reference is 0);</li>
 * <li>a time (unit {@code day}): absolute, in days;</li>
 * <li>a category, flag or count: the number of patients whose value differs;</li>
 * <li>a value present in one solve only (a relapse found at one tolerance, not at the other): counted
 * as changed.</li>
 * </ul>
 * Patients that cannot be solved at some tolerance are counted, not compared. Several integration
 * methods may be studied side by side (the rows of each at every tolerance); the reference is always
 * the same model solved with {@link #REFERENCE_METHOD} at a much tighter tolerance: the study shows
 * convergence, not the model's correctness (which the model tests check against independent solvers).
 */
public final class ToleranceStudy {

    /** Tolerances studied unless told otherwise. */
    public static final List<Double> DEFAULT_TOLERANCES = List.of(1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8);
    /** Reference tolerance: three decades below the tightest default. */
    public static final double DEFAULT_REFERENCE = 1e-11;

    private static final String DAY = "day";

    /** Method of the reference solve: the more accurate per step of the two (order 8). */
    public static final OdeMethod REFERENCE_METHOD = OdeMethod.DP853;

    /**
     * One studied method and tolerance.
     *
     * @param method       the integration method
     * @param rtol         the tolerance
     * @param steps        accepted steps per patient (mean)
     * @param evaluations  right-hand-side evaluations per patient (mean)
     * @param cpuMicros    CPU time per patient, microseconds (median over rounds)
     * @param worst        per endpoint column: the worst difference (NaN for a discrete column)
     * @param changed      per endpoint column: patients whose value changed category or presence
     * @param unsolved     patients not solved (status other than OK) at this tolerance or at the reference
     */
    public record Row(OdeMethod method, double rtol, double steps, double evaluations, double cpuMicros, double[] worst,
                      int[] changed, int unsolved) {
    }

    /**
     * The study.
     *
     * @param trial     trial name
     * @param patients  patients compared (all arms)
     * @param reference reference tolerance
     * @param endpoints the endpoint columns, in the kernel's order
     * @param rows      one per method and tolerance, in the order asked (methods outer)
     * @param baseline  the method and tolerance the cost column is relative to (the trial's, else the first row)
     */
    public record Result(String trial, int patients, double reference, List<ColumnSpec> endpoints, List<Row> rows,
                         Row baseline) {

        /** @return the study as a text table, with a legend */
        public String table() {
            final StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%s: %d patients (the first of each arm), worst difference from %s at rtol "
                    + "%.0e per endpoint%n", trial, patients, REFERENCE_METHOD.id(), reference));
            s.append(String.format(Locale.ROOT, "%6s %7s %8s %8s %9s %6s", "method", "rtol", "steps", "evals", "CPU us",
                    "cost"));
            for (ColumnSpec c : endpoints) {
                s.append(' ').append(String.format(Locale.ROOT, "%" + width(c) + "s", c.name()));
            }
            s.append(String.format(Locale.ROOT, " %8s%n", "unsolved"));
            final double base = baseline.cpuMicros();
            for (Row r : rows) {
                s.append(String.format(Locale.ROOT, "%6s %7.0e %8.1f %8.0f %9.1f %6.2f", r.method().id(), r.rtol(), r.steps(),
                        r.evaluations(), r.cpuMicros(), r.cpuMicros() / base));
                for (int j = 0; j < endpoints.size(); j++) {
                    s.append(' ').append(String.format(Locale.ROOT, "%" + width(endpoints.get(j)) + "s",
                            cell(endpoints.get(j), r.worst()[j], r.changed()[j])));
                }
                s.append(String.format(Locale.ROOT, " %8d%n", r.unsolved()));
            }
            s.append("steps, evals: per patient (mean); CPU us: per patient, one thread (median of the rounds); cost:\n"
                    + "relative to " + baseline.method().id() + " at rtol " + String.format(Locale.ROOT, "%.0e",
                    baseline.rtol()) + ". Amounts: worst relative difference; times (d): worst absolute\n"
                    + "difference in days; categories, flags, counts: patients changed; +N: patients where a value\n"
                    + "exists at one tolerance only.\n");
            return s.toString();
        }

        /** @return the study as JSON: the settings, then one object per tolerance with every endpoint's figure */
        public ObjectNode toJson() {
            final ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("trial", trial);
            root.put("patients", patients);
            root.put("reference_rtol", reference);
            root.put("reference_method", REFERENCE_METHOD.id());
            final ArrayNode list = root.putArray("tolerances");
            for (Row r : rows) {
                final ObjectNode o = list.addObject();
                o.put("method", r.method().id());
                o.put("rtol", r.rtol());
                o.put("steps_per_patient", r.steps());
                o.put("evaluations_per_patient", r.evaluations());
                o.put("cpu_us_per_patient", r.cpuMicros());
                o.put("unsolved", r.unsolved());
                final ObjectNode e = o.putObject("endpoints");
                for (int j = 0; j < endpoints.size(); j++) {
                    final ColumnSpec c = endpoints.get(j);
                    final ObjectNode x = e.putObject(c.name());
                    if (c.type() == ColumnType.DOUBLE) {
                        x.put(DAY.equals(c.unit()) ? "worst_days" : "worst_relative", r.worst()[j]);
                    }
                    x.put("patients_changed", r.changed()[j]);
                }
            }
            return root;
        }
    }

    private ToleranceStudy() {
    }

    /**
     * Runs the study with the trial's own integration method.
     *
     * @see #run(TrialSpec, List, List, double, int, int)
     */
    public static Result run(TrialSpec trial, List<Double> tolerances, double reference, int patientsPerArm,
                             int rounds) throws BadInputException {
        return run(trial, List.of(trial.method()), tolerances, reference, patientsPerArm, rounds);
    }

    /**
     * Runs the study.
     *
     * @param trial          the trial (its own {@code rtol} and method are replaced by each studied one)
     * @param methods        integration methods to study, at least one
     * @param tolerances     tolerances to study, each admissible and looser than {@code reference}
     * @param reference      the reference tolerance (solved with {@link #REFERENCE_METHOD})
     * @param patientsPerArm patients of each arm (the first ones), at least 1 and at most the trial's
     * @param rounds         timing rounds, at least 1
     * @return the study
     * @throws BadInputException naming the method, tolerance, reference, patients or rounds that cannot be used
     */
    public static Result run(TrialSpec trial, List<OdeMethod> methods, List<Double> tolerances, double reference,
                             int patientsPerArm, int rounds) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        if (tolerances.isEmpty()) {
            problems.add("--rtols: give at least one tolerance");
        }
        if (methods.isEmpty()) {
            problems.add("--methods: give at least one method");
        }
        for (double rtol : tolerances) {
            final String p = IntegratorSettings.relativeToleranceProblem(rtol);
            if (p != null) {
                problems.add("--rtols: " + p);
            } else if (!(rtol > reference)) {
                problems.add("--rtols: " + rtol + " is not looser than the reference " + reference);
            }
        }
        final String referenceProblem = IntegratorSettings.relativeToleranceProblem(reference);
        if (referenceProblem != null) {
            problems.add("--reference: " + referenceProblem);
        }
        if (patientsPerArm < 1 || patientsPerArm > trial.patientsPerArm()) {
            problems.add("--patients: " + patientsPerArm + " is outside [1, " + trial.patientsPerArm()
                    + "] (the trial's patients per arm)");
        }
        if (rounds < 1) {
            problems.add("--rounds: must be at least 1, got " + rounds);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(problems);
        }
        final List<ColumnSpec> all = TrialKernel.of(trial).columns();
        final List<ColumnSpec> endpointColumns = PatientSimulator.create(trial.model(), IntegratorSettings.defaults())
                .endpointColumns();
        final int first = endpointColumns.isEmpty() ? -1 : indexOf(all, endpointColumns.get(0).name());
        final int steps = indexOf(all, "steps");
        final int evaluations = indexOf(all, "evaluations");
        final int status = indexOf(all, TrialKernel.STATUS);
        final int arms = trial.arms().size();
        final int patients = patientsPerArm * arms;

        final double[][] ref = solve(TrialKernel.of(trial.withMethod(REFERENCE_METHOD)
                .withRelativeTolerance(reference)), patients, arms);
        final int studied = methods.size() * tolerances.size();
        final TrialKernel[] kernels = new TrialKernel[studied];
        final OdeMethod[] methodOf = new OdeMethod[studied];
        final double[] rtolOf = new double[studied];
        final double[][][] rows = new double[studied][][];
        for (int r = 0; r < studied; r++) {
            methodOf[r] = methods.get(r / tolerances.size());
            rtolOf[r] = tolerances.get(r % tolerances.size());
            kernels[r] = TrialKernel.of(trial.withMethod(methodOf[r]).withRelativeTolerance(rtolOf[r]));
            rows[r] = solve(kernels[r], patients, arms); // also the compiler's warm-up
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] micros = new double[studied][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < studied; r++) {
                final long cpu0 = threads.getCurrentThreadCpuTime();
                solve(kernels[r], patients, arms);
                micros[r][round] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / patients;
            }
        }
        final List<Row> out = new ArrayList<>();
        for (int r = 0; r < studied; r++) {
            final double[] worst = new double[endpointColumns.size()];
            final int[] changed = new int[endpointColumns.size()];
            int unsolved = 0;
            double stepSum = 0;
            double evaluationSum = 0;
            for (int k = 0; k < patients; k++) {
                final double[] x = rows[r][k];
                stepSum += x[steps];
                evaluationSum += x[evaluations];
                if (x[status] != SolveStatus.OK.ordinal() || ref[k][status] != SolveStatus.OK.ordinal()) {
                    unsolved++;
                    continue;
                }
                for (int j = 0; j < endpointColumns.size(); j++) {
                    final ColumnSpec c = endpointColumns.get(j);
                    final double d = difference(c, x[first + j], ref[k][first + j]);
                    if (Double.isNaN(d)) {
                        changed[j]++;
                    } else if (c.type() == ColumnType.DOUBLE) {
                        worst[j] = Math.max(worst[j], d);
                    }
                }
            }
            for (int j = 0; j < endpointColumns.size(); j++) {
                if (endpointColumns.get(j).type() != ColumnType.DOUBLE) {
                    worst[j] = Double.NaN;
                }
            }
            out.add(new Row(methodOf[r], rtolOf[r], stepSum / patients, evaluationSum / patients, median(micros[r]),
                    worst, changed, unsolved));
        }
        Row baseline = out.get(0);
        for (Row r : out) {
            if (r.method() == trial.method() && r.rtol() == IntegratorSettings.DEFAULT_RELATIVE_TOLERANCE) {
                baseline = r;
                break;
            }
        }
        return new Result(trial.name(), patients, reference, endpointColumns, out, baseline);
    }

    /**
     * The difference of one endpoint value from its reference, as the study reports it.
     *
     * @return for a real column: the relative difference (absolute when the reference is 0; in days
     *         when the unit is {@code day}), 0 when both are absent (NaN); NaN when the value changed
     *         (a discrete column with another value, or a value present in one of the two only)
     */
    static double difference(ColumnSpec c, double x, double ref) {
        if (Double.compare(x, ref) == 0) {
            return 0.0;
        }
        if (c.type() != ColumnType.DOUBLE || Double.isNaN(x) || Double.isNaN(ref)) {
            return Double.NaN;
        }
        final double abs = Math.abs(x - ref);
        return DAY.equals(c.unit()) || ref == 0 ? abs : abs / Math.abs(ref);
    }

    private static double[][] solve(TrialKernel kernel, int patients, int arms) {
        final double[][] rows = new double[patients][kernel.columns().size()];
        for (int k = 0; k < patients; k++) {
            kernel.compute(0, k % arms, k / arms, rows[k]);
        }
        return rows;
    }

    private static int indexOf(List<ColumnSpec> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("the trial kernel has no column " + name);
    }

    private static double median(double[] values) {
        final double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    private static int width(ColumnSpec c) {
        return Math.max(c.name().length(), 9);
    }

    private static String cell(ColumnSpec c, double worst, int changed) {
        if (c.type() != ColumnType.DOUBLE) {
            return Integer.toString(changed);
        }
        final String value = String.format(Locale.ROOT, DAY.equals(c.unit()) ? "%.1e d" : "%.1e", worst);
        return changed == 0 ? value : value + "+" + changed;
    }
}
