package org.vtrial.engine.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.model.Model;
import org.vtrial.engine.ode.IntegratorSettings;
import org.vtrial.engine.ode.OdeMethod;
import org.vtrial.engine.sampling.Population;
import org.vtrial.engine.sim.Regimen;

/**
 * A trial file, loaded and validated ({@link TrialLoader#load}): the cohort, the arms, how many
 * patients and replicates, the horizon, the endpoint thresholds, and the resolved population that
 * {@link org.vtrial.engine.sampling.PopulationSampler} draws from. Immutable and thread-safe.
 *
 * @param file                the trial file
 * @param name                trial name
 * @param description         free text (may be empty)
 * @param cohort              the cohort
 * @param model               the cohort's model
 * @param seed                trial seed: every random number of the trial derives from it
 * @param patientsPerArm      patients per arm and replicate (at most {@link #MAX_PATIENTS_PER_ARM})
 * @param horizonDays         simulation horizon after the first infusion (days)
 * @param relativeTolerance   relative tolerance of every patient's solve (the model sets the absolute
 *                            ones from it)
 * @param method              integration method of every patient's solve
 * @param endpointSettings    values of the model's endpoint settings, in
 *                            {@code PatientSimulator.endpointSettings()} order
 * @param arms                the arms, in file order (arm index = position)
 * @param referenceArm        index of the arm others are compared with
 * @param replicates          number of replicate trials (1 without uncertainty)
 * @param uncertainty         population-level uncertainty redrawn per replicate
 * @param trajectorySample    patients per arm (the first ones) whose daily trajectories are kept
 * @param commonRandomNumbers true when patient {@code i} has the same sampled physiology in every arm
 * @param population          the resolved population
 */
public record TrialSpec(Path file, String name, String description, CohortSpec cohort, Model model, long seed,
                        long patientsPerArm, double horizonDays, double relativeTolerance, OdeMethod method,
                        double[] endpointSettings, List<ArmSpec> arms,
                        int referenceArm, int replicates, List<UncertaintySpec> uncertainty, int trajectorySample,
                        boolean commonRandomNumbers, Population population) {

    /** Largest number of patients per arm (and per replicate). */
    public static final long MAX_PATIENTS_PER_ARM = 100_000_000L;
    /** Largest number of arms. */
    public static final int MAX_ARMS = 64;
    /** Largest number of replicate trials. */
    public static final int MAX_REPLICATES = 1000;
    /** Largest number of patients per arm with kept trajectories. */
    public static final int MAX_TRAJECTORY_SAMPLE = 10_000;
    /** Longest horizon (days): 100 years. */
    public static final double MAX_HORIZON_DAYS = 36_500;

    /** Freezes the lists. */
    public TrialSpec {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        arms = List.copyOf(arms);
        uncertainty = List.copyOf(uncertainty);
        endpointSettings = endpointSettings.clone();
    }

    /** @return a copy of the endpoint settings, in {@code PatientSimulator.endpointSettings()} order */
    @Override
    public double[] endpointSettings() {
        return endpointSettings.clone();
    }

    /** @return the dosing regimen of arm {@code arm} (empty: the model's default regimen) */
    public Regimen regimen(int arm) {
        return arms.get(arm).regimen();
    }

    /** @return the index of the arm called {@code name}, or -1 */
    public int armIndex(String name) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return names of the parameters that vary between patients (model order; Parquet columns) */
    public List<String> sampledParameters() {
        return population.sampledParameters();
    }

    /** @return the names of the arms, in order */
    public List<String> armNames() {
        final List<String> out = new ArrayList<>();
        for (ArmSpec a : arms) {
            out.add(a.name());
        }
        return out;
    }

    /**
     * @return this trial with another seed (e.g. {@code --seed}): the population is resolved again,
     *         since the replicates' population-level draws depend on the seed
     * @throws BadInputException when a replicate's draws make a distribution inadmissible
     */
    public TrialSpec withSeed(long newSeed) throws BadInputException {
        final List<String> problems = new ArrayList<>();
        final Population p = PopulationBuilder.build(model, cohort, arms, replicates, uncertainty, newSeed,
                commonRandomNumbers, false, problems);
        if (p == null) {
            problems.add(0, "with --seed " + newSeed + ":");
            throw new BadInputException(problems);
        }
        return new TrialSpec(file, name, description, cohort, model, newSeed, patientsPerArm, horizonDays,
                relativeTolerance, method, endpointSettings, arms, referenceArm, replicates, uncertainty, trajectorySample,
                commonRandomNumbers, p);
    }

    /**
     * @return this trial with another cohort of the same model (e.g. a cohort whose population-level
     *         values a calibration changed): the population is resolved again with the trial's arms,
     *         replicates, uncertainty and seed, and checked as when loading
     * @throws BadInputException when the cohort is of another model or its distributions are
     *                           inadmissible for an arm (each problem located at the cohort entry)
     */
    public TrialSpec withCohort(CohortSpec newCohort) throws BadInputException {
        if (!newCohort.model().equals(model.name())) {
            throw new BadInputException("cohort " + newCohort.name() + " is of model " + newCohort.model()
                    + ", the trial's model is " + model.name());
        }
        final List<String> problems = new ArrayList<>();
        final Population p = PopulationBuilder.build(model, newCohort, arms, replicates, uncertainty, seed,
                commonRandomNumbers, false, problems);
        if (p == null) {
            throw new BadInputException(problems.isEmpty() ? List.of("cohort " + newCohort.name()
                    + ": cannot build the population") : problems);
        }
        return new TrialSpec(file, name, description, newCohort, model, seed, patientsPerArm, horizonDays,
                relativeTolerance, method, endpointSettings, arms, referenceArm, replicates, uncertainty, trajectorySample,
                commonRandomNumbers, p);
    }

    /**
     * @return this trial with another relative tolerance (e.g. {@code --rtol})
     * @throws BadInputException when {@code rtol} is not in {@code [1e-12, 1)}
     */
    public TrialSpec withRelativeTolerance(double rtol) throws BadInputException {
        final String problem = IntegratorSettings.relativeToleranceProblem(rtol);
        if (problem != null) {
            throw new BadInputException("--rtol: " + problem);
        }
        return new TrialSpec(file, name, description, cohort, model, seed, patientsPerArm, horizonDays, rtol, method,
                endpointSettings, arms, referenceArm, replicates, uncertainty, trajectorySample, commonRandomNumbers,
                population);
    }

    /** @return this trial solved with another integration method (e.g. {@code --method}) */
    public TrialSpec withMethod(OdeMethod newMethod) {
        return new TrialSpec(file, name, description, cohort, model, seed, patientsPerArm, horizonDays,
                relativeTolerance, newMethod, endpointSettings, arms, referenceArm, replicates, uncertainty,
                trajectorySample, commonRandomNumbers, population);
    }

    /**
     * @return this trial with another number of patients per arm (e.g. {@code --patients}); the
     *         trajectory sample is reduced to it when larger
     * @throws BadInputException when {@code n} is not in {@code [1, MAX_PATIENTS_PER_ARM]}
     */
    public TrialSpec withPatientsPerArm(long n) throws BadInputException {
        if (n < 1 || n > MAX_PATIENTS_PER_ARM) {
            throw new BadInputException("--patients: " + n + " is outside the allowed range [1, " + MAX_PATIENTS_PER_ARM + "]");
        }
        return new TrialSpec(file, name, description, cohort, model, seed, n, horizonDays, relativeTolerance, method, endpointSettings, arms,
                referenceArm, replicates, uncertainty, (int) Math.min(trajectorySample, n), commonRandomNumbers,
                population);
    }
}
