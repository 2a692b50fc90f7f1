package org.paraml.data;

/**
 * Receives the result of each block of a pass in block order (block 0 first), on the thread that
 * started the pass: reductions done here are deterministic whatever the thread count.
 *
 * @param <R> the per-block result type
 */
@FunctionalInterface
public interface BlockResultConsumer<R> {
    /** Called once per block of the pass, in increasing {@code blockIndex}. */
    void accept(int blockIndex, R result) throws Exception;
}
