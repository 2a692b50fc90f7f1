package org.paraml.cluster;

import org.paraml.backend.Backend;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/** {@link ClusterLabels} of blocks, computed (one pass) each time they are read. */
final class StreamedLabels implements ClusterLabels {
    private final Blocks blocks;
    private final PassRunner runner;
    private final Matrix centres;
    private final Backend backend;
    private final int threads;
    private final double[] shift;
    private final boolean checkFinite;

    /**
     * @param centres the centres in the data's coordinates
     * @param shift       the translation the backend works in (see {@link ShiftedKernels}), or null
     * @param checkFinite whether each read checks the blocks for NaN and infinity (new data)
     */
    StreamedLabels(Blocks blocks, Matrix centres, Backend backend, int threads, double[] shift, boolean checkFinite) {
        this.blocks = blocks;
        this.runner = null;
        this.centres = centres;
        this.backend = backend;
        this.threads = threads;
        this.shift = shift;
        this.checkFinite = checkFinite;
    }

    /**
     * Labels of the training blocks of a fit on {@code runner}, computed by its passes (while it is open).
     *
     * @param centres the centres in the data's coordinates
     * @param shift   the translation the backend works in, or null
     */
    StreamedLabels(PassRunner runner, Matrix centres, Backend backend, int threads, double[] shift) {
        this.blocks = null;
        this.runner = runner;
        this.centres = centres;
        this.backend = backend;
        this.threads = threads;
        this.shift = shift;
        this.checkFinite = false;
    }

    @Override
    public long size() {
        return runner != null ? runner.rows() : blocks.rows();
    }

    @Override
    public void forEachBlock(BlockLabelsConsumer consumer) {
        FitContext ctx = runner != null ? new FitContext(runner, threads, backend, shift)
                : new FitContext(blocks, threads, backend, null, shift);
        if (!checkFinite) {
            ctx.validated();
        }
        Assignment.run(ctx, ctx.kernels.toShifted(centres), "labels", consumer);
    }

    @Override
    public int[] toArray() {
        long n = size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(n + " labels do not fit one Java array; use forEachBlock or writeNpy");
        }
        int[] out = new int[(int) n];
        forEachBlock((block, first, labels, rows) -> System.arraycopy(labels, 0, out, (int) first, rows));
        return out;
    }
}
