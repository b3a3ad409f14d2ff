package org.vtrial.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.vtrial.engine.io.BadInputException;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.sampling.PopulationSampler;
import org.vtrial.engine.sim.Regimen;
import org.vtrial.engine.trial.TrialLoader;
import org.vtrial.engine.trial.TrialSpec;

/**
 * A fixed cohort of {@code cart} patients for the benchmarks: the first patients of the shipped
 * quickstart trial ({@code conf/quickstart.json}: the axicabtagene-like LBCL cohort, two dose arms,
 * 365 days), drawn by the trial's own {@link PopulationSampler}, arms alternating, so that the
 * benchmarks solve exactly the patients {@code vtrial simulate} solves.
 */
public final class CartPatients {

    /** The trial, relative to the project root. */
    public static final String TRIAL = "conf/quickstart.json";

    /** Parameter vectors, one per patient. */
    public final double[][] params;
    /** Regimen of each patient's arm. */
    public final Regimen[] regimens;
    /** Horizon of every patient, days. */
    public final double horizon;
    /** The trial they come from. */
    public final TrialSpec trial;

    private CartPatients(TrialSpec trial, int size) {
        this.trial = trial;
        this.horizon = trial.horizonDays();
        this.params = new double[size][];
        this.regimens = new Regimen[size];
        final PopulationSampler sampler = PopulationSampler.create(trial);
        final int arms = trial.arms().size();
        for (int i = 0; i < size; i++) {
            params[i] = trial.model().parameters().defaults();
            sampler.sample(0, i % arms, i / arms, params[i]);
            regimens[i] = trial.regimen(i % arms);
        }
    }

    /** @return the first {@code size} patients of the quickstart trial (arms alternating) */
    public static CartPatients quickstart(int size) {
        final Path file = projectRoot().resolve(TRIAL);
        try {
            final TrialSpec trial = TrialLoader.load(file);
            if (!(trial.model() instanceof CartModel)) {
                throw new IllegalStateException(file + " is not a cart trial");
            }
            return new CartPatients(trial, size);
        } catch (BadInputException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** @return number of patients */
    public int size() {
        return params.length;
    }

    /** @return the nearest folder at or above the working directory that holds {@link #TRIAL} */
    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve(TRIAL))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException(TRIAL + " not found at or above " + Path.of("").toAbsolutePath());
    }
}
