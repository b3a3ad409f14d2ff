package org.vtrial.engine.bench;

import java.util.List;

import org.vtrial.engine.model.Model;
import org.vtrial.engine.model.ParameterSpace;
import org.vtrial.engine.model.StateSpec;
import org.vtrial.engine.model.builtin.CartModel;
import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.Regimen;

/**
 * The {@code cart} model passed through unchanged: benchmarks extend it and override the one part
 * they vary (the endpoints, an equation), so that everything else is exactly the production model.
 */
class CartDelegate implements Model {

    final CartModel cart = CartSolvers.MODEL;

    @Override
    public List<Endpoint> newEndpoints() {
        return cart.newEndpoints();
    }

    @Override
    public String name() {
        return cart.name();
    }

    @Override
    public String description() {
        return cart.description();
    }

    @Override
    public List<StateSpec> states() {
        return cart.states();
    }

    @Override
    public ParameterSpace parameters() {
        return cart.parameters();
    }

    @Override
    public double startTime(double[] p) {
        return cart.startTime(p);
    }

    @Override
    public void initialState(double[] p, double[] y) {
        cart.initialState(p, y);
    }

    @Override
    public void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        cart.absoluteTolerance(p, rtol, y0, atol);
    }

    @Override
    public EventFunctions events() {
        return cart.events();
    }

    @Override
    public boolean acceptsDoses() {
        return cart.acceptsDoses();
    }

    @Override
    public int scheduleCapacity(Regimen regimen) {
        return cart.scheduleCapacity(regimen);
    }

    @Override
    public int schedule(double[] p, Regimen regimen, double[] out) {
        return cart.schedule(p, regimen, out);
    }

    @Override
    public void applyScheduled(double t, double[] y, double[] p, Regimen regimen) {
        cart.applyScheduled(t, y, p, regimen);
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        cart.derivatives(t, y, p, yDot);
    }
}
