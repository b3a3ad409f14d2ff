package org.vtrial.engine.sampling;

import java.util.List;

import org.vtrial.engine.trial.TrialSpec;

/**
 * Draws virtual patients' parameter vectors: each a pure function of (trial seed, replicate, arm,
 * patient index), whatever the order, partition, thread or retry.
 *
 * <p>Patient {@code i} of replicate {@code r} gets the cube point {@code u}: coordinate {@code j}
 * (sampled parameter {@code j}, model parameter {@code k}) is output {@code k} of the Philox stream
 * keyed by (seed, {@link RandomStreams#PATIENT_PARAMETERS}) with counter words (i, r, lane), see
 * {@link RandomStreams}; lane 0 when arms share patients (the default: patient {@code i} has the
 * same physiology, i.e. the same quantiles, in every arm, so that arm differences are not sampling
 * noise) and {@code arm + 1} otherwise. The point then goes through the copula and each
 * parameter's inverse distribution function ({@link #map}), the same mapping a quasi-random design
 * can drive with its own points.
 *
 * <p>One instance per thread; {@link #sample} and {@link #map} allocate nothing and never throw
 * for valid indices.
 */
public final class PopulationSampler {

    private final Population population;
    private final PhiloxStream stream = new PhiloxStream();
    private final double[] u;
    private final double[] scratch;
    private final long[] block = new long[4];

    private PopulationSampler(Population population) {
        this.population = population;
        this.u = new double[population.dimension()];
        final GaussianCopula c = population.copula();
        this.scratch = new double[c == null ? 0 : c.size()];
    }

    /** @return a sampler of the trial's population (one per thread) */
    public static PopulationSampler create(TrialSpec trial) {
        return new PopulationSampler(trial.population());
    }

    /** @return a sampler of a population (one per thread) */
    public static PopulationSampler create(Population population) {
        return new PopulationSampler(population);
    }

    /** @return the population */
    public Population population() {
        return population;
    }

    /** @return the cube dimension: number of sampled parameters */
    public int dimension() {
        return u.length;
    }

    /** @return names of the sampled parameters (cube coordinate order; Parquet columns) */
    public List<String> sampledParameters() {
        return population.sampledParameters();
    }

    /**
     * Writes patient {@code patientIndex}'s full parameter vector (model parameter order) into
     * {@code params} (length at least the model's parameter count).
     */
    public void sample(int replicate, int arm, long patientIndex, double[] params) {
        uniforms(replicate, arm, patientIndex, u);
        mapInPlace(replicate, arm, u, params);
    }

    /**
     * Writes the patient's independent uniforms (before the copula), one per sampled parameter.
     *
     * @param out at least {@link #dimension()} doubles
     */
    public void uniforms(int replicate, int arm, long patientIndex, double[] out) {
        final int lane = population.commonRandomNumbers() ? 0 : arm + 1;
        final int[] index = population.sampledIndexArray();
        long current = -1;
        for (int j = 0; j < index.length; j++) {
            final long b = index[j] >>> 2;
            if (b != current) {
                // Only the blocks holding sampled parameters are computed (indices increase).
                RandomStreams.positionPatient(stream, population.seed(), RandomStreams.PATIENT_PARAMETERS, replicate,
                        lane, patientIndex, b);
                for (int q = 0; q < 4; q++) {
                    block[q] = stream.nextLong();
                }
                current = b;
            }
            out[j] = PhiloxStream.openUniform(block[index[j] & 3]);
        }
    }

    /**
     * Maps a point of the unit cube to a parameter vector: copula (if any), then each sampled
     * parameter's inverse distribution function over the arm's base vector, arm overrides kept.
     * Coordinates are clamped to {@code [2^-53, 1 - 2^-53]}. {@code cube} is not modified.
     */
    public void map(int replicate, int arm, double[] cube, double[] params) {
        System.arraycopy(cube, 0, u, 0, u.length);
        mapInPlace(replicate, arm, u, params);
    }

    private void mapInPlace(int replicate, int arm, double[] point, double[] params) {
        final GaussianCopula copula = population.copula();
        if (copula != null) {
            copula.apply(point, scratch);
        }
        final double[] base = population.baseArray(replicate, arm);
        System.arraycopy(base, 0, params, 0, base.length);
        final boolean[] fixedByArm = population.overriddenArray(arm);
        final Marginal[] m = population.marginalArray(replicate, arm);
        final int[] index = population.sampledIndexArray();
        for (int j = 0; j < index.length; j++) {
            if (!fixedByArm[j]) {
                params[index[j]] = m[j].inverse(point[j]);
            }
        }
    }
}
