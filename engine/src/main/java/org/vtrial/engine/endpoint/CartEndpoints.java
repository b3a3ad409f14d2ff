package org.vtrial.engine.endpoint;

import java.util.List;

import org.vtrial.engine.sim.Endpoint;

/**
 * The per-patient endpoints of the {@code cart} model (MODELS.md §5), in column order: the one place
 * where they are registered. The row's {@code status} column comes from the solve's
 * {@link org.vtrial.engine.sim.SolveStatus}, written by the caller.
 */
public final class CartEndpoints {

    private CartEndpoints() {
    }

    /** @return new instances (one set per simulator: endpoints keep per-patient running state) */
    public static List<Endpoint> create() {
        final BestResponse response = new BestResponse();
        return List.of(
                new CarTPeak(),
                new CarTAuc(),
                new CarTPersistence(),
                new Exposure(),
                response,
                new Relapse(response),
                new CytokineRelease());
    }
}
