package org.vtrial.engine.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.trial.TrialSpec;

/**
 * A calibration file, loaded and validated ({@link CalibrationLoader}; format: docs/CALIBRATION.md):
 * which trial's cohort to calibrate, which population-level values to fit within which bounds, the
 * published figures to match, and the optimiser.
 *
 * @param file        the calibration file
 * @param name        calibration name
 * @param description free text (may be empty)
 * @param trial       the trial whose arms are simulated (its cohort is the one calibrated)
 * @param patients    patients per arm and evaluation (the same patient keys every evaluation)
 * @param cohortName  name of the calibrated cohort
 * @param free        the values fitted
 * @param targets     the published figures, calibrated on or only checked
 * @param optimizer   the optimiser
 * @param limits      what the cohort and its model are known not to capture, in words (validation cards)
 */
public record CalibrationSpec(Path file, String name, String description, TrialSpec trial, int patients,
                              String cohortName, List<FreeValue> free, List<Target> targets,
                              OptimizerSettings optimizer, List<String> limits) {

    /** Largest number of patients per arm and evaluation. */
    public static final int MAX_PATIENTS = 1_000_000;
    /** Default patients per arm and evaluation. */
    public static final int DEFAULT_PATIENTS = 400;

    /** Freezes the lists. */
    public CalibrationSpec {
        free = List.copyOf(free);
        targets = List.copyOf(targets);
        limits = List.copyOf(limits);
    }

    /** @return the targets that enter the objective */
    public List<Target> calibrated() {
        final List<Target> out = new ArrayList<>();
        for (Target t : targets) {
            if (t.calibrate()) {
                out.add(t);
            }
        }
        return out;
    }

    /** @return this calibration with another number of patients per evaluation */
    public CalibrationSpec withPatients(int n) throws BadInputException {
        if (n < 1 || n > MAX_PATIENTS) {
            throw new BadInputException("--patients: " + n + " is outside the allowed range [1, " + MAX_PATIENTS + "]");
        }
        return new CalibrationSpec(file, name, description, trial, n, cohortName, free, targets, optimizer, limits);
    }

    /** @return this calibration with another evaluation budget */
    public CalibrationSpec withMaxEvaluations(int n) throws BadInputException {
        if (n < 1) {
            throw new BadInputException("--max-evaluations: must be at least 1, got " + n);
        }
        return new CalibrationSpec(file, name, description, trial, patients, cohortName, free, targets,
                optimizer.withMaxEvaluations(n), limits);
    }

    /** @return the distinct arm indices the targets read, in increasing order */
    public int[] arms() {
        return targets.stream().mapToInt(Target::arm).distinct().sorted().toArray();
    }

    /** @return the distinct days at which CAR-T totals are needed (half-life targets), increasing */
    public double[] carDays() {
        return targets.stream().filter(t -> t.statistic().kind() == Statistic.Kind.HALF_LIFE)
                .flatMapToDouble(t -> java.util.stream.DoubleStream.of(t.statistic().fromDay(), t.statistic().toDay()))
                .distinct().sorted().toArray();
    }
}
