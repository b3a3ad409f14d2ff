package org.vtrial.engine.fit;

/**
 * The scale the residuals are taken on.
 *
 * <p>{@link #LOG} (the default): residuals {@code ln N_obs - ln N(t)}, the maximum-likelihood fit under
 * multiplicative (log-normal) noise, the usual error structure of tumor counts and volumes whose
 * measurement error grows with size; every point then weighs the same whatever its size.
 * {@link #LINEAR}: residuals {@code N_obs - N(t)}, for additive noise of constant variance; the
 * largest counts then dominate the fit.
 */
public enum FitScale {
    LOG,
    LINEAR;

    /** @return the label used on the command line and in JSON */
    public String label() {
        return this == LOG ? "log" : "linear";
    }
}
