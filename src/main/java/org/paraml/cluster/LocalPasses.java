package org.paraml.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import org.paraml.backend.Parallel;
import org.paraml.data.BlockProgress;
import org.paraml.data.BlockResultConsumer;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * {@link PassRunner} on this JVM: each pass is a {@link Blocks#pass(int)} with the fit's threads (results
 * in block order), and the per-row costs are a {@link RowDoubles} in memory, made on first use (the
 * nearest-candidate indices a {@link RowNearest}, made by the first step that asks for them); both are dropped
 * by {@link #resetCosts()}.
 */
final class LocalPasses implements PassRunner {
    private final Blocks data;
    private final int threads;
    private final BlockProgress progress;
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<double[]>> buffers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<int[]>> intBuffers = new ConcurrentHashMap<>();
    private RowDoubles costs;
    private RowNearest nearest;

    LocalPasses(Blocks data, int threads, BlockProgress progress) {
        this.data = data;
        this.threads = threads;
        this.progress = progress == null ? BlockProgress.NONE : progress;
    }

    Blocks data() {
        return data;
    }

    int threads() {
        return threads;
    }

    @Override
    public long rows() {
        return data.rows();
    }

    @Override
    public int cols() {
        return data.cols();
    }

    @Override
    public int numBlocks() {
        return data.numBlocks();
    }

    @Override
    public long firstRow(int block) {
        return data.firstRow(block);
    }

    @Override
    public Matrix gatherRows(long[] rows) {
        return data.gatherRows(rows, threads);
    }

    @Override
    public boolean fetchesRowsCheaply() {
        return !data.inMemory() && data.source().randomAccess();
    }

    @Override
    public <R> void run(String phase, BlockStep<R> step, BlockResultConsumer<R> consumer) {
        if (step.costs() == BlockStep.Costs.NONE) {
            data.pass(threads).progress(phase, progress).run(b -> step.apply(b, null), consumer);
            return;
        }
        RowDoubles c = costs();
        boolean write = step.costs() != BlockStep.Costs.READ;
        RowNearest near = step.costs() == BlockStep.Costs.WRITE_NEAREST ? nearest() : null;
        if (near != null) {
            near.allow(step.nearestBound());
        }
        data.pass(threads).progress(phase, progress).run(b -> {
            int n = b.rows().rows();
            double[] slice = take(buffers, n, double[]::new);
            int[] nearSlice = near == null ? null : take(intBuffers, n, int[]::new);
            try {
                c.read(b.firstRow(), slice, n);
                if (near != null) {
                    near.read(b.firstRow(), nearSlice, n);
                }
                R r = step.apply(b, slice, nearSlice);
                if (write) {
                    c.write(b.firstRow(), slice, n);
                }
                if (near != null) {
                    near.write(b.firstRow(), nearSlice, n);
                }
                return r;
            } finally {
                give(buffers, n, slice);
                if (nearSlice != null) {
                    give(intBuffers, n, nearSlice);
                }
            }
        }, consumer);
    }

    @Override
    public void resetCosts() {
        // made again, filled with +∞ and −1, when next used
        costs = null;
        nearest = null;
    }

    @Override
    public void scanCosts(CostScan scan) {
        RowDoubles c = costs();
        long row = 0;
        for (int i = 0; i < c.chunkCount(); i++) {
            double[] chunk = c.chunk(i);
            if (!scan.accept(row, chunk, chunk.length)) {
                return;
            }
            row += chunk.length;
        }
    }

    /** The costs' chunks on the runner's threads: a sampling scan hashes every row, too much work for one core. */
    @Override
    public void visitCosts(CostVisit visit) {
        RowDoubles c = costs();
        Parallel.forEach(c.chunkCount(), threads, i -> {
            double[] chunk = c.chunk(i);
            visit.accept((long) i << RowChunks.SHIFT, chunk, chunk.length);
        });
    }

    /** Stores {@code values[0..n)} as the costs of rows {@code [firstRow, firstRow + n)}. */
    void storeCosts(long firstRow, double[] values, int n) {
        costs().write(firstRow, values, n);
    }

    private RowDoubles costs() {
        if (costs == null) {
            costs = new RowDoubles(data.rows(), Double.POSITIVE_INFINITY, threads);
        }
        return costs;
    }

    private RowNearest nearest() {
        if (nearest == null) {
            nearest = new RowNearest(data.rows(), threads);
        }
        return nearest;
    }

    /** A pooled array of length {@code n}: the per-block copies are reused from pass to pass. */
    private static <A> A take(ConcurrentHashMap<Integer, ConcurrentLinkedQueue<A>> pool, int n, IntFunction<A> make) {
        A b = pool.computeIfAbsent(n, k -> new ConcurrentLinkedQueue<>()).poll();
        return b != null ? b : make.apply(n);
    }

    private static <A> void give(ConcurrentHashMap<Integer, ConcurrentLinkedQueue<A>> pool, int n, A b) {
        pool.computeIfAbsent(n, k -> new ConcurrentLinkedQueue<>()).offer(b);
    }

    @Override
    public void close() {
        costs = null;
        nearest = null;
        buffers.clear();
        intBuffers.clear();
    }
}
