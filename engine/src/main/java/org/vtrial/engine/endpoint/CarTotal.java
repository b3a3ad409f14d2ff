package org.vtrial.engine.endpoint;

import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.DenseStep;

/** The CAR T-cell total {@code E + M + X} (cells): the consecutive states {@code E, M, X}. */
final class CarTotal implements Signal {

    static final CarTotal INSTANCE = new CarTotal();

    private CarTotal() {
    }

    @Override
    public double of(double[] y) {
        return y[CartModel.E] + y[CartModel.M] + y[CartModel.X];
    }

    @Override
    public double at(DenseStep step, double t) {
        return step.interpolate(t, CartModel.E) + step.interpolate(t, CartModel.M) + step.interpolate(t, CartModel.X);
    }

    @Override
    public double upperBound(DenseStep step) {
        return step.upperBound(CartModel.E, 3);
    }

    @Override
    public boolean bernstein(DenseStep step, double[] out) {
        return step.bernstein(CartModel.E, 3, out);
    }
}
