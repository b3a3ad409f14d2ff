package org.vtrial.engine.calibration;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.stats.Estimate;
import org.vtrial.engine.trial.ArmSpec;
import org.vtrial.engine.trial.TrialSpec;

/**
 * A validation card (docs/CALIBRATION.md): a cohort's simulated trial against the published figures
 * of its calibration file, side by side with each published value's 95% interval, saying which
 * figures were calibrated on and which were held out, which held-out figures the cohort is known
 * not to reproduce and why, the seed and patients simulated, and the limits of the model.
 *
 * <p>The card is Markdown rendered from {@link Calibrator#evaluate} of the cohort as written, so a
 * committed card can be regenerated and compared ({@code vtrial validation-card}); it holds no
 * wall times or machine paths, only what the simulation determines.
 */
public final class ValidationCard {

    /**
     * Limits of every {@code cart} cohort's figures, whatever the cohort (MODELS.md sections 3 and 5).
     */
    static final List<String> MODEL_LIMITS = List.of(
            "Response is read from the model's tumor burden, `Ttot / Ttot(0)` against `cr_ratio` and `pr_ratio`"
                    + " within the assessment window (MODELS.md section 5), not from the trial's clinical response"
                    + " criteria (marrow morphology and MRD, PET-CT, serum markers).",
            "CRS grade is the peak IL-6 against fixed cut-offs, not consensus clinical grading; the IL-6 release"
                    + " per effector `q_6` is calibrated together with those cut-offs, so the IL-6 values themselves"
                    + " are not a prediction.",
            "The model has no deaths, no dropout and no further therapy (e.g. transplant in remission): event-free"
                    + " and relapse-free figures count only non-response and relapse, and every patient is"
                    + " followed to the horizon.",
            "A relapse is the disease re-crossing the detection level `cr_ratio * Ttot(0)` after complete"
                    + " response; its antigen is the population that dominates then (MODELS.md section 5).",
            "The published 95% intervals carry the trial's sampling error only (binomial from its patient"
                    + " count, or a stated standard error where none is published); differences between the"
                    + " trial's population and the virtual one are not in them.",
            "Agreement on a calibrated figure shows that the fit worked, not that the model predicts it: only"
                    + " held-out figures test the cohort.");

    private ValidationCard() {
    }

    /**
     * Simulates a calibration file's trial with its cohort as written and renders the card:
     * {@code render(simulate(c, patients, evaluator), c.patients(), root, command(root, c.file(), patients))}.
     *
     * @param patients patients per arm, or null for the trial's {@code patients_per_arm}
     * @param root     folder the card's file paths are shown relative to (the project root)
     * @throws BadInputException when the patient count is out of range
     */
    public static String generate(CalibrationSpec c, Integer patients, CohortEvaluator evaluator, Path root)
            throws BadInputException {
        return render(simulate(c, patients, evaluator), c.patients(), root, command(root, c.file(), patients));
    }

    /**
     * Simulates a calibration file's trial with its cohort as written: the trial's seed, patients
     * {@code 0..n-1} of replicate 0 of each target arm.
     *
     * @param patients patients per arm, or null for the trial's {@code patients_per_arm}
     * @throws BadInputException when the patient count is out of range
     */
    public static Calibrator.Result simulate(CalibrationSpec c, Integer patients, CohortEvaluator evaluator)
            throws BadInputException {
        final long n = patients != null ? patients : c.trial().patientsPerArm();
        if (n < 1 || n > CalibrationSpec.MAX_PATIENTS) {
            throw new BadInputException("--patients: a card simulates 1 to " + CalibrationSpec.MAX_PATIENTS
                    + " patients per arm, got " + n);
        }
        return Calibrator.evaluate(c.withPatients((int) n), evaluator);
    }

    /** @return the command line that regenerates a card, run from {@code root} */
    public static String command(Path root, Path calibrationFile, Integer patients) {
        return "bin/vtrial validation-card " + rel(root, calibrationFile) + (patients == null ? "" : " --patients " + patients);
    }

    /**
     * @param r                   the evaluation of the cohort as written ({@link Calibrator#evaluate})
     * @param calibrationPatients patients per arm and evaluation the calibration file fits on
     * @param root                folder the shown file paths are relative to (the project root)
     * @param command             the command line that regenerates the card
     * @return the card, Markdown
     */
    public static String render(Calibrator.Result r, int calibrationPatients, Path root, String command) {
        final CalibrationSpec spec = r.spec();
        final TrialSpec trial = spec.trial();
        final StringBuilder sb = new StringBuilder();
        sb.append("# Validation card: ").append(trial.cohort().name()).append("\n\n");
        sb.append("Generated by `").append(command).append("` from a simulated trial; do not edit by hand"
                + " (`ValidationCardsTest` checks that this file is what the command writes, and that every"
                + " claimed figure lies inside its published 95% interval). How cards are made:"
                + " [docs/CALIBRATION.md](../CALIBRATION.md).\n\n");
        sb.append(trial.cohort().description()).append("\n\n");

        sb.append("## What was simulated\n\n");
        sb.append("| | |\n|---|---|\n");
        row(sb, "cohort", "`" + rel(root, trial.cohort().file()) + "` (model `" + trial.cohort().model() + "`)");
        row(sb, "trial", "`" + rel(root, trial.file()) + "`: " + trial.description());
        for (int a : spec.arms()) {
            final ArmSpec arm = trial.arms().get(a);
            row(sb, "arm `" + arm.name() + "`", arm.description().isEmpty() ? "(no description)" : arm.description());
        }
        row(sb, "trial seed", Long.toString(trial.seed()));
        row(sb, "patients", String.format(Locale.ROOT, "%d per arm: patients 0 to %d of replicate 0, each the row"
                + " `vtrial simulate` gives it (the trial kernel, run in-process)", spec.patients(), spec.patients() - 1));
        row(sb, "horizon", fmt(trial.horizonDays()) + " days");
        row(sb, "calibration", "`" + rel(root, spec.file()) + "` (`" + spec.name() + "`): " + spec.free().size()
                + " population-level values fitted on patients 0 to " + (calibrationPatients - 1)
                + " of the same seed, " + spec.optimizer().method().label());
        sb.append('\n');
        sb.append("Values fitted (as in the cohort file, with the range searched):\n\n");
        for (int i = 0; i < spec.free().size(); i++) {
            final FreeValue f = spec.free().get(i);
            sb.append("- `").append(f.label()).append("` = ").append(fmt(r.values()[i])).append(" (searched in [")
                    .append(fmt(f.lower())).append(", ").append(fmt(f.upper())).append("], ")
                    .append(f.log() ? "log" : "linear").append(" scale)\n");
        }
        sb.append('\n');

        sb.append("## Simulated vs published\n\n");
        sb.append("| figure | role | statistic | published | 95% interval | interval from | simulated | simulation SE | inside |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        final List<Target> targets = spec.targets();
        for (int i = 0; i < targets.size(); i++) {
            final Target t = targets.get(i);
            final Estimate e = t.interval();
            final boolean p = t.statistic().proportion();
            final double sim = r.simulated()[i];
            final double simSe = r.simulationError(i);
            sb.append("| ").append(t.name()).append(" | ").append(role(t)).append(" | `")
                    .append(t.statistic().describe()).append("` | ").append(value(t.value(), p)).append(" | ")
                    .append(value(e.lo(), p)).append(" to ").append(value(e.hi(), p)).append(" | ")
                    .append(Double.isNaN(t.n()) ? "value ± 1.96 × " + fmt(t.standardError()) + " (stated SE)"
                            : "Wilson score, n = " + fmt(t.n()))
                    .append(" | ").append(value(sim, p)).append(" | ")
                    .append(Double.isNaN(simSe) ? "–" : p ? String.format(Locale.ROOT, "%.1f pp", 100 * simSe) : fmt(simSe)).append(" | ")
                    .append(t.inside(sim) ? "yes" : "**no**").append(" |\n");
        }
        sb.append('\n');
        sb.append("Simulation SE: the binomial standard error of a simulated proportion over its simulated"
                + " denominator, in percentage points (– for medians and half-lives). Sources:\n\n");
        for (Target t : targets) {
            sb.append("- ").append(t.name()).append(": ").append(t.source()).append('\n');
        }
        sb.append('\n');

        sb.append("## Held out: the true test\n\n");
        boolean any = false;
        for (int i = 0; i < targets.size(); i++) {
            final Target t = targets.get(i);
            if (!t.calibrate() && t.claimed()) {
                any = true;
                sb.append("- ").append(t.name()).append(": published ").append(value(t.value(), t.statistic().proportion()))
                        .append(", simulated ").append(value(r.simulated()[i], t.statistic().proportion()))
                        .append(t.inside(r.simulated()[i]) ? ", inside" : ", **outside**")
                        .append(" its 95% interval.\n");
            }
        }
        if (!any) {
            sb.append("None: every figure this cohort reproduces was used to calibrate it, so this card shows how"
                    + " well the fit worked, not a prediction.\n");
        }
        sb.append('\n');

        final StringBuilder misses = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            final Target t = targets.get(i);
            if (!t.claimed()) {
                misses.append("- ").append(t.name()).append(": published ")
                        .append(value(t.value(), t.statistic().proportion())).append(", simulated ")
                        .append(value(r.simulated()[i], t.statistic().proportion())).append(". ")
                        .append(t.notReproduced()).append('\n');
            }
        }
        if (misses.length() > 0) {
            sb.append("## Not reproduced (held out, not claimed)\n\n").append(misses).append('\n');
        }

        sb.append("## Limits\n\n");
        for (String s : spec.limits()) {
            sb.append("- ").append(s).append('\n');
        }
        for (String s : MODEL_LIMITS) {
            sb.append("- ").append(s).append('\n');
        }
        return sb.toString();
    }

    private static String role(Target t) {
        return t.calibrate() ? "calibrated" : t.claimed() ? "held out" : "held out, not reproduced";
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    /** @return a path relative to the root when below it, with forward slashes */
    static String rel(Path root, Path p) {
        final Path a = p.toAbsolutePath().normalize();
        final Path r = root.toAbsolutePath().normalize();
        final Path shown = a.startsWith(r) ? r.relativize(a) : a;
        return shown.toString().replace('\\', '/');
    }

    /** @return a proportion as a percentage with one decimal, anything else with four significant digits */
    static String value(double v, boolean proportion) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        return proportion ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : fmt(v);
    }

    static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        final double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            // 1.000e-04 -> 1e-4, 9.417e-04 -> 9.417e-4
            final String[] m = String.format(Locale.ROOT, "%.3e", v).split("e");
            final String mantissa = m[0].replaceAll("0+$", "").replaceAll("\\.$", "");
            return mantissa + "e" + Integer.parseInt(m[1]);
        }
        final String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
