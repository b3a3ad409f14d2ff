package org.vtrial.engine.gsa;

import java.util.List;

/**
 * The indices of one output (endpoint).
 *
 * @param output    output name
 * @param method    {@code sobol} or {@code morris}
 * @param used      bases (base points, trajectories) used by the estimators
 * @param dropped   bases left out because one of their points failed or has no finite value
 * @param estimates every index of every parameter, parameters in the analysis' order
 */
public record OutputAnalysis(String output, String method, int used, int dropped, List<IndexEstimate> estimates) {

    /** Freezes the estimates. */
    public OutputAnalysis {
        estimates = List.copyOf(estimates);
    }

    /** @return the estimate of {@code index} for {@code parameter}, or null */
    public IndexEstimate get(String parameter, String index) {
        for (IndexEstimate e : estimates) {
            if (e.parameter().equals(parameter) && e.index().equals(index)) {
                return e;
            }
        }
        return null;
    }
}
