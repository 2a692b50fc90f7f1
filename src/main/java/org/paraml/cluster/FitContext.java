package org.paraml.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.data.Block;
import org.paraml.data.BlockFunction;
import org.paraml.data.BlockProgress;
import org.paraml.data.BlockResultConsumer;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * What every step of one k-means fit shares: the data, the thread budget, the (translated) backend
 * operations, the
 * progress listener, per-thread scratch arrays and the feature statistics once known.
 */
final class FitContext {
    /** Per-block work arrays, reused from block to block. */
    static final class Scratch {
        final int[] labels;
        final double[] dist;

        Scratch(int rows) {
            labels = new int[rows];
            dist = new double[rows];
        }
    }

    final Blocks data;
    final int threads;
    final ShiftedKernels kernels;
    final BlockProgress progress;
    final int cols;
    final long rows;
    /** Idle scratch by number of rows (the backend wants arrays of exactly a block's length). */
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<Scratch>> scratch = new ConcurrentHashMap<>();
    private FeatureStats stats;
    private boolean validated;

    /**
     * @param shift the translation applied to every row before the backend sees it (see
     *              {@link ShiftedKernels}); centres and candidates of this context are in translated
     *              coordinates. Null for none.
     */
    FitContext(Blocks data, int threads, Backend backend, BlockProgress progress, double[] shift) {
        this.data = data;
        this.threads = threads;
        this.kernels = new ShiftedKernels(backend, shift, data.cols());
        this.progress = progress == null ? BlockProgress.NONE : progress;
        this.cols = data.cols();
        this.rows = data.rows();
    }

    /**
     * One pass over every block, results in block order. The first pass of a fit also checks that every
     * value is finite, so out-of-core data are validated without a pass of their own.
     */
    <R> void pass(String phase, BlockFunction<R> fn, BlockResultConsumer<R> consumer) {
        BlockFunction<R> f = fn;
        if (!validated) {
            f = b -> {
                checkFinite(b);
                return fn.apply(b);
            };
        }
        data.pass(threads).progress(phase, progress).run(f, consumer);
        validated = true;
    }

    /** Marks the data as already checked for NaN and infinity. */
    void validated() {
        validated = true;
    }

    private static void checkFinite(Block b) {
        Matrix x = b.rows();
        double[] a = x.data();
        int d = x.cols();
        if (x.isContiguous()) {
            if (allFinite(a, x.offset(0), x.offset(0) + x.rows() * d)) {
                return;
            }
        }
        for (int i = 0; i < x.rows(); i++) {
            int o = x.offset(i);
            if (allFinite(a, o, o + d)) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                double v = a[o + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Input X contains " + (Double.isNaN(v) ? "NaN" : "infinity")
                            + " (first at row " + (b.firstRow() + i) + ", column " + j + ", in block " + b.index()
                            + "); remove or impute non-finite values first");
                }
            }
        }
    }

    /**
     * Whether {@code a[from, to)} holds only finite values, without a branch per value: a double is NaN
     * or infinite exactly when its 11 exponent bits are all ones, and then adding 2⁵² to those bits
     * carries into the sign bit; the carries are OR-ed together.
     */
    static boolean allFinite(double[] a, int from, int to) {
        long any = 0;
        for (int i = from; i < to; i++) {
            any |= (Double.doubleToRawLongBits(a[i]) & 0x7ff0000000000000L) + 0x0010000000000000L;
        }
        return any >= 0;
    }

    /** {@code centres} (translated coordinates) prepared for the backend, shared by every block of a pass. */
    PreparedMatrix prepare(Matrix centres) {
        return kernels.backend().prepare(centres);
    }

    /** The given rows of the data, in that order, in translated coordinates. */
    Matrix gather(long... rowIndices) {
        return kernels.toShifted(data.gatherRows(rowIndices, threads));
    }

    /** Rows looked at to decide the translation. */
    static final int HEAD_ROWS = 4096;

    /**
     * The translation a fit works in: the mean {@code m} of the first {@value #HEAD_ROWS} rows when the
     * data sit far from the origin ({@code ||m||² > 16 × total variance} of those rows, i.e. more than four
     * standard deviations away), else null (no translation: rows reach the backend as they are). Reads
     * only those rows, so the choice does not depend on the block size.
     */
    static double[] translationFor(Blocks data, int threads) {
        int m = (int) Math.min(HEAD_ROWS, data.rows());
        long[] head = new long[m];
        for (int i = 0; i < m; i++) {
            head[i] = i;
        }
        FeatureStats s = FeatureStats.of(data.gatherRows(head, threads));
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

    /** Work arrays of exactly {@code rows} entries. */
    Scratch takeScratch(int rows) {
        Scratch s = scratch.computeIfAbsent(rows, r -> new ConcurrentLinkedQueue<>()).poll();
        return s != null ? s : new Scratch(rows);
    }

    void giveScratch(Scratch s) {
        scratch.computeIfAbsent(s.labels.length, r -> new ConcurrentLinkedQueue<>()).offer(s);
    }

    FeatureStats stats() {
        return stats;
    }

    void stats(FeatureStats s) {
        stats = s;
    }
}
