package org.vtrial.engine.fit;

import java.util.List;

/**
 * Everything fitted to one series.
 *
 * @param series     the data
 * @param scale      the scale residuals were taken on
 * @param fits       one fit per law, in the order exponential, logistic, gompertz
 * @param selection  the AIC selection among them
 * @param diagnostic the per-capita growth-rate diagnostic
 */
public record SeriesFit(GrowthSeries series, FitScale scale, List<LawFit> fits, LawSelection selection,
                        PerCapitaDiagnostic diagnostic) {

    /** Freezes the list. */
    public SeriesFit {
        fits = List.copyOf(fits);
    }
}
