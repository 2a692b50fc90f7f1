package org.paraml.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.paraml.data.BlockProgress;
import org.paraml.data.BlockResultConsumer;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * {@link PassRunner} on this JVM: each pass is a {@link Blocks#pass(int)} with the fit's threads (results
 * in block order), and the per-row costs are a {@link RowDoubles} in memory, made on first use.
 */
final class LocalPasses implements PassRunner {
    private final Blocks data;
    private final int threads;
    private final BlockProgress progress;
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<double[]>> buffers = new ConcurrentHashMap<>();
    private RowDoubles costs;

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
    public <R> void run(String phase, BlockStep<R> step, BlockResultConsumer<R> consumer) {
        if (step.costs() == BlockStep.Costs.NONE) {
            data.pass(threads).progress(phase, progress).run(b -> step.apply(b, null), consumer);
            return;
        }
        RowDoubles c = costs();
        boolean write = step.costs() == BlockStep.Costs.WRITE;
        data.pass(threads).progress(phase, progress).run(b -> {
            int n = b.rows().rows();
            double[] slice = take(n);
            try {
                c.read(b.firstRow(), slice, n);
                R r = step.apply(b, slice);
                if (write) {
                    c.write(b.firstRow(), slice, n);
                }
                return r;
            } finally {
                give(slice);
            }
        }, consumer);
    }

    @Override
    public void resetCosts() {
        costs().fill(Double.POSITIVE_INFINITY);
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

    /** Stores {@code values[0..n)} as the costs of rows {@code [firstRow, firstRow + n)}. */
    void storeCosts(long firstRow, double[] values, int n) {
        costs().write(firstRow, values, n);
    }

    private RowDoubles costs() {
        if (costs == null) {
            costs = new RowDoubles(data.rows());
            costs.fill(Double.POSITIVE_INFINITY);
        }
        return costs;
    }

    private double[] take(int n) {
        double[] b = buffers.computeIfAbsent(n, k -> new ConcurrentLinkedQueue<>()).poll();
        return b != null ? b : new double[n];
    }

    private void give(double[] b) {
        buffers.computeIfAbsent(b.length, k -> new ConcurrentLinkedQueue<>()).offer(b);
    }

    @Override
    public void close() {
        costs = null;
        buffers.clear();
    }
}
