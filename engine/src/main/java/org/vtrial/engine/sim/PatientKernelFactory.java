package org.vtrial.engine.sim;

import java.io.Serializable;

/**
 * Serializable recipe for {@link PatientKernel}s: what travels to executors (a small specification,
 * never patient data). Each partition or thread builds its own kernel from it.
 */
@FunctionalInterface
public interface PatientKernelFactory extends Serializable {

    /** @return a new kernel, for use by one thread */
    PatientKernel create();
}
