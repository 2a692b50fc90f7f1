package org.paraml.cluster;

import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.data.BlockProgress;
import org.paraml.data.BlockResultConsumer;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * What every step of one k-means fit shares: the {@link PassRunner} that reaches the blocks, the thread
 * budget, the (translated) backend operations and the {@link StepKernels} that block steps carry, and the
 * feature statistics once known.
 */
final class FitContext {
    final PassRunner runner;
    final int threads;
    final ShiftedKernels kernels;
    final StepKernels stepKernels;
    final int cols;
    final long rows;
    private DataSpread stats;
    private boolean validated;

    /**
     * A fit over {@code data} on {@code threads} threads of this JVM.
     *
     * @param shift the translation applied to every row before the backend sees it (see
     *              {@link ShiftedKernels}); centres and candidates of this context are in translated
     *              coordinates. Null for none.
     */
    FitContext(Blocks data, int threads, Backend backend, BlockProgress progress, double[] shift) {
        this(new LocalPasses(data, threads, progress), threads, backend, shift);
    }

    /** A fit whose passes {@code runner} runs. */
    FitContext(PassRunner runner, int threads, Backend backend, double[] shift) {
        this.runner = runner;
        this.threads = threads;
        this.stepKernels = new StepKernels(backend, shift, runner.cols());
        this.kernels = stepKernels.kernels();
        this.cols = runner.cols();
        this.rows = runner.rows();
    }

    /**
     * One pass of {@code step} over every block, results in block order. The first pass of a fit also
     * checks that every value is finite, so out-of-core data are validated without a pass of their own.
     */
    <R> void pass(String phase, BlockStep<R> step, BlockResultConsumer<R> consumer) {
        step.validateBlocks(!validated);
        runner.run(phase, step, consumer);
        validated = true;
    }

    /** Marks the data as already checked for NaN and infinity. */
    void validated() {
        validated = true;
    }

    /** {@code centres} (translated coordinates) prepared for the backend of this JVM. */
    PreparedMatrix prepare(Matrix centres) {
        return kernels.backend().prepare(centres);
    }

    /** The given rows of the data, in that order, in translated coordinates. */
    Matrix gather(long... rowIndices) {
        return kernels.toShifted(runner.gatherRows(rowIndices));
    }

    /** Rows looked at to decide the translation. */
    static final int HEAD_ROWS = 4096;

    /**
     * The translation a fit works in: the mean {@code m} of the first {@value #HEAD_ROWS} rows when the
     * data sit far from the origin ({@code ||m||² > 16 × total variance} of those rows, i.e. more than four
     * standard deviations away), else null (no translation: rows reach the backend as they are). Reads
     * only those rows, so the choice does not depend on the block size.
     */
    static double[] translationFor(PassRunner data) {
        int m = (int) Math.min(HEAD_ROWS, data.rows());
        long[] head = new long[m];
        for (int i = 0; i < m; i++) {
            head[i] = i;
        }
        return translationOf(data.gatherRows(head));
    }

    /**
     * {@link #translationFor} from the data's first rows, given as {@code head}: the first {@value #HEAD_ROWS} of
     * them are used (all of them when there are fewer).
     */
    static double[] translationOf(Matrix head) {
        FeatureStats s = FeatureStats.of(head.rowRange(0, Math.min(HEAD_ROWS, head.rows())));
        double[] mean = s.mean();
        double norm2 = 0;
        for (double v : mean) {
            norm2 += v * v;
        }
        if (!Double.isFinite(norm2) || !Double.isFinite(s.totalVariance())) {
            return null; // the first pass reports the NaN or infinity
        }
        return norm2 > 16 * s.totalVariance() ? mean : null;
    }

    /** The data's mean and variance once a Lloyd pass has found them, else null. */
    DataSpread stats() {
        return stats;
    }

    void stats(DataSpread s) {
        stats = s;
    }
}
