package org.vtrial.engine.gsa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plans of the verification models built in code, all inputs varied over their reference distributions. */
final class Plans {

    private Plans() {
    }

    static GsaPlan sobol(AnalyticModel model, int n, int resamples, long seed) {
        return plan(model, SaltelliDesign.of(n, model.inputs().size()), resamples, seed);
    }

    static GsaPlan morris(AnalyticModel model, int trajectories, int levels, int resamples, long seed) {
        return plan(model, MorrisDesign.of(trajectories, levels, model.inputs().size(), seed), resamples, seed);
    }

    static GsaPlan plan(AnalyticModel model, Design design, int resamples, long seed) {
        final List<OutputSpec> outputs = new ArrayList<>();
        for (String o : model.outputs()) {
            outputs.add(new OutputSpec(o, o, List.of()));
        }
        return new GsaPlan(model.name(), "", model.name(), model.inputs(), model.referenceInputs(), design,
                new Bootstrap(resamples, 0.95, seed), AnalyticEvaluator.factory(model, model.inputs(), Map.of(), outputs));
    }
}
