package org.vtrial.engine.sampling;

import java.util.List;

import org.vtrial.engine.model.Model;

/**
 * A trial's population, resolved and validated: per arm the parameter vector every patient starts
 * from, and per replicate and arm the distribution of each sampled parameter. Built by the trial
 * loader; sampled by {@link PopulationSampler}.
 *
 * <p>A patient's vector in replicate {@code r} and arm {@code a} is {@code base[r][a]} (model
 * defaults, then product preset, then conditioning, then the cohort's fixed values, possibly
 * redrawn per replicate, then the arm's overrides) with each sampled
 * parameter {@code j} set to {@code marginal[r][a][j].inverse(u_j)} unless the arm overrides it.
 * The cube point {@code u} has one coordinate per sampled parameter, in model parameter order,
 * passed through the Gaussian copula when the cohort has one.
 *
 * <p>Immutable and thread-safe. The constructor takes ownership of its arrays.
 */
public final class Population {

    private final Model model;
    private final long seed;
    private final boolean commonRandomNumbers;
    private final int[] sampledIndex;
    private final List<String> sampledNames;
    private final double[][][] base;
    private final boolean[][] overridden;
    private final Marginal[][][] marginals;
    private final GaussianCopula copula;
    private final double[][] uncertaintyDraws;

    /**
     * @param model               the model
     * @param seed                trial seed
     * @param commonRandomNumbers true when patient {@code i} has the same cube point in every arm
     * @param sampledIndex        model parameter index of each sampled coordinate, increasing
     * @param base                per replicate and arm, the parameter vector before sampling
     * @param overridden          per arm and sampled coordinate, true when the arm fixes the value
     * @param marginals           per replicate, arm and sampled coordinate, its distribution
     * @param copula              copula over sampled coordinates, or null
     * @param uncertaintyDraws    per replicate, the value drawn for each uncertainty entry
     */
    public Population(Model model, long seed, boolean commonRandomNumbers, int[] sampledIndex, double[][][] base,
                      boolean[][] overridden, Marginal[][][] marginals, GaussianCopula copula,
                      double[][] uncertaintyDraws) {
        this.model = model;
        this.seed = seed;
        this.commonRandomNumbers = commonRandomNumbers;
        this.sampledIndex = sampledIndex;
        final String[] names = new String[sampledIndex.length];
        for (int j = 0; j < names.length; j++) {
            names[j] = model.parameters().get(sampledIndex[j]).name();
        }
        this.sampledNames = List.of(names);
        this.base = base;
        this.overridden = overridden;
        this.marginals = marginals;
        this.copula = copula;
        this.uncertaintyDraws = uncertaintyDraws;
        if (marginals.length == 0 || base.length != marginals.length || base[0].length == 0) {
            throw new IllegalArgumentException("a population needs at least one replicate and one arm");
        }
    }

    /** @return the model */
    public Model model() {
        return model;
    }

    /** @return the trial seed */
    public long seed() {
        return seed;
    }

    /** @return true when arms share patients (common random numbers) */
    public boolean commonRandomNumbers() {
        return commonRandomNumbers;
    }

    /** @return number of sampled parameters: the dimension of the unit cube */
    public int dimension() {
        return sampledIndex.length;
    }

    /** @return names of the sampled parameters, in cube coordinate order (model parameter order) */
    public List<String> sampledParameters() {
        return sampledNames;
    }

    /** @return model parameter index of cube coordinate {@code j} */
    public int sampledIndex(int j) {
        return sampledIndex[j];
    }

    /** @return number of replicates */
    public int replicates() {
        return marginals.length;
    }

    /** @return number of arms */
    public int arms() {
        return base[0].length;
    }

    /** @return a copy of the parameter vector of a replicate's arm before sampling */
    public double[] base(int replicate, int arm) {
        return base[replicate][arm].clone();
    }

    /** @return the distribution of cube coordinate {@code j} in a replicate and arm */
    public Marginal marginal(int replicate, int arm, int j) {
        return marginals[replicate][arm][j];
    }

    /** @return true when arm {@code arm} overrides sampled coordinate {@code j} */
    public boolean overridden(int arm, int j) {
        return overridden[arm][j];
    }

    /** @return the copula, or null */
    public GaussianCopula copula() {
        return copula;
    }

    /** @return number of uncertainty entries */
    public int uncertaintyEntries() {
        return uncertaintyDraws.length == 0 ? 0 : uncertaintyDraws[0].length;
    }

    /** @return the value replicate {@code replicate} drew for uncertainty entry {@code entry} */
    public double uncertaintyDraw(int replicate, int entry) {
        return uncertaintyDraws[replicate][entry];
    }

    double[] baseArray(int replicate, int arm) {
        return base[replicate][arm];
    }

    boolean[] overriddenArray(int arm) {
        return overridden[arm];
    }

    Marginal[] marginalArray(int replicate, int arm) {
        return marginals[replicate][arm];
    }

    int[] sampledIndexArray() {
        return sampledIndex;
    }
}
