package org.paraml.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One pass over (some of) the blocks of a {@link Blocks}: a function runs on each block on one of
 * {@code threads} compute threads, while a prefetch thread reads the next blocks, and the results
 * come back to the calling thread in block order. Immutable; {@link #run} may be called many times.
 *
 * <pre>{@code
 * double[] total = new double[1];
 * blocks.pass(4).progress("sum", bar).run(b -> sum(b.rows()), (i, s) -> total[0] += s);
 * }</pre>
 */
public final class BlockPass {
    private final Blocks blocks;
    private final int threads;
    private final int[] only;
    private final BlockProgress progress;
    private final String phase;

    BlockPass(Blocks blocks, int threads, int[] only, BlockProgress progress, String phase) {
        this.blocks = blocks;
        this.threads = threads;
        this.only = only;
        this.progress = progress;
        this.phase = phase;
    }

    /** This pass reporting to {@code listener} under the name {@code phase}. */
    public BlockPass progress(String phase, BlockProgress listener) {
        return new BlockPass(blocks, threads, only, listener == null ? BlockProgress.NONE : listener,
                Objects.requireNonNull(phase, "phase"));
    }

    /** This pass over only the given blocks, which must be strictly increasing indices. */
    public BlockPass only(int[] blockIndices) {
        int[] copy = blockIndices.clone();
        for (int k = 0; k < copy.length; k++) {
            Objects.checkIndex(copy[k], blocks.numBlocks());
            if (k > 0 && copy[k] <= copy[k - 1]) {
                throw new IllegalArgumentException("block indices must be strictly increasing, got " + copy[k - 1]
                        + " then " + copy[k]);
            }
        }
        return new BlockPass(blocks, threads, copy, progress, phase);
    }

    /** Number of compute threads. */
    public int threads() {
        return threads;
    }

    /**
     * Applies {@code fn} to every block and hands each result to {@code consumer} in block order on
     * this thread. The first exception thrown by {@code fn}, the source or {@code consumer} stops the
     * pass (blocks being computed finish, no new block starts) and is rethrown here, a checked
     * {@link java.io.IOException} as {@link java.io.UncheckedIOException}.
     */
    public <R> void run(BlockFunction<R> fn, BlockResultConsumer<R> consumer) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(consumer, "consumer");
        int[] order = only;
        if (order == null) {
            order = new int[blocks.numBlocks()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }
        blocks.run(threads, order, fn, consumer, progress, phase);
    }

    /** The result of {@code fn} on every block, in block order. */
    public <R> List<R> map(BlockFunction<R> fn) {
        List<R> out = new ArrayList<>();
        run(fn, (i, r) -> out.add(r));
        return out;
    }
}
