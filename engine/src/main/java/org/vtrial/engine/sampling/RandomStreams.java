package org.vtrial.engine.sampling;

/**
 * The layout of the trial's random numbers: one Philox-4x64 stream per (purpose, trial seed,
 * replicate, lane, patient), positioned in constant time, so every number a patient uses is a pure
 * function of those values and never of the order of generation, the partition, the thread or a
 * retry.
 *
 * <p>Key = (trial seed, purpose). Counter = (block index within the stream, patient index,
 * replicate, lane); the lane is 0 when the arms share patients (common random numbers, the
 * default) and {@code arm + 1} otherwise. Each purpose draws its numbers in a fixed order.
 * A new stochastic ingredient takes a new purpose constant and leaves existing streams untouched.
 *
 * <p>Parameter sampling gives every model parameter its own position in the patient's stream: the
 * uniform of parameter {@code k} (its index in the model's parameter vector) is output
 * {@code k mod 4} of the Philox block at counter {@code (k div 4 + 1, patient, replicate, lane)}.
 * So a patient's value of one parameter depends on the seed, the patient's key and that
 * parameter's distribution only: sampling one more parameter, or one fewer, leaves the others'
 * values unchanged (common random numbers across cohort variants, e.g. in sensitivity analyses).
 */
public final class RandomStreams {

    /** Per-patient parameter sampling: one uniform per sampled parameter, in model parameter order. */
    public static final long PATIENT_PARAMETERS = 1;
    /** Per-replicate draws of population-level values: one uniform per uncertainty entry, in file order. */
    public static final long REPLICATE_UNCERTAINTY = 2;

    private RandomStreams() {
    }

    /**
     * Positions {@code stream} so that its next four outputs are block {@code block} of a patient's
     * stream for {@code purpose} (the block at counter {@code block + 1}).
     */
    public static void positionPatient(PhiloxStream stream, long seed, long purpose, int replicate, int lane,
                                       long patient, long block) {
        stream.reset(seed, purpose, block, patient, replicate, lane);
    }

    /** Positions {@code stream} at the start of a replicate's stream for {@code purpose}. */
    public static void positionReplicate(PhiloxStream stream, long seed, long purpose, int replicate) {
        stream.reset(seed, purpose, 0L, 0L, replicate, 0L);
    }
}
