package org.vtrial.engine.model;

import java.util.List;
import java.util.function.DoubleSupplier;

import org.vtrial.engine.ode.EventFunctions;
import org.vtrial.engine.sim.Endpoint;
import org.vtrial.engine.sim.Regimen;

/** Test wrapper of a model that reports every right-hand-side evaluation time with the integrator's time. */
final class CartRecording implements Model {

    interface Listener {
        void evaluated(double t, double integratorTime);
    }

    private final Model inner;
    private final Listener listener;
    private final DoubleSupplier integratorTime;

    CartRecording(Model inner, Listener listener, DoubleSupplier integratorTime) {
        this.inner = inner;
        this.listener = listener;
        this.integratorTime = integratorTime;
    }

    @Override
    public void derivatives(double t, double[] y, double[] p, double[] yDot) {
        listener.evaluated(t, integratorTime.getAsDouble());
        inner.derivatives(t, y, p, yDot);
    }

    @Override public String name() { return inner.name(); }
    @Override public String description() { return inner.description(); }
    @Override public List<org.vtrial.engine.model.StateSpec> states() { return inner.states(); }
    @Override public ParameterSpace parameters() { return inner.parameters(); }
    @Override public double startTime(double[] p) { return inner.startTime(p); }
    @Override public void initialState(double[] p, double[] y) { inner.initialState(p, y); }
    @Override public void absoluteTolerance(double[] p, double rtol, double[] y0, double[] atol) {
        inner.absoluteTolerance(p, rtol, y0, atol);
    }
    @Override public EventFunctions events() { return inner.events(); }
    @Override public boolean acceptsDoses() { return inner.acceptsDoses(); }
    @Override public int scheduleCapacity(Regimen regimen) { return inner.scheduleCapacity(regimen); }
    @Override public int schedule(double[] p, Regimen regimen, double[] out) { return inner.schedule(p, regimen, out); }
    @Override public void applyScheduled(double t, double[] y, double[] p, Regimen regimen) {
        inner.applyScheduled(t, y, p, regimen);
    }
    @Override public List<Endpoint> newEndpoints() { return inner.newEndpoints(); }
}
