package org.paraml.data;

/**
 * The work a pass does on one block, on one of the pass's threads. It must not keep a reference to
 * {@link Block#rows()} after it returns, and it must be safe to call on different blocks at once.
 *
 * @param <R> the per-block result, handed to a {@link BlockResultConsumer} in block order
 */
@FunctionalInterface
public interface BlockFunction<R> {
    /** The result for {@code block}; may be null. */
    R apply(Block block) throws Exception;
}
