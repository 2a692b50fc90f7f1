package org.paraml.data;

/**
 * Progress of a pass over blocks, for progress bars. Called on the thread that started the pass,
 * once before the first block (done = 0) and after each block, in order; the library never prints.
 */
@FunctionalInterface
public interface BlockProgress {
    /**
     * @param phase what the pass is doing, e.g. "lloyd iteration 3" or "persist"
     * @param done  blocks finished so far, {@code 0 <= done <= total}
     * @param total blocks in this pass
     */
    void update(String phase, int done, int total);

    /** A listener that ignores every update. */
    BlockProgress NONE = (phase, done, total) -> {
    };
}
