package org.vtrial.engine.endpoint;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;

/** Total tumor {@code Ttot = Tpos + Tneg} (cells). */
final class TumorBurden implements Signal {

    static final TumorBurden INSTANCE = new TumorBurden();

    private TumorBurden() {
    }

    @Override
    public double of(double[] y) {
        return y[CartModel.TPOS] + y[CartModel.TNEG];
    }

    @Override
    public double at(DenseStep step, double t) {
        return step.interpolate(t, CartModel.TPOS) + step.interpolate(t, CartModel.TNEG);
    }
}
