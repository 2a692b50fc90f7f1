package org.paraml.svm;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.paraml.backend.SmoOps;

/**
 * The kernel matrix of one pair's points while its probability calibration trains (the five fold
 * trainings and the pair's own training beside them), each column computed once for all six solves
 * and kept in the calibration's order: the shuffle's order with the points grouped by label, as the
 * fold trainings group them.
 *
 * <p><b>Why that order.</b> Fold {@code f}'s training set is the shuffle less the shuffled positions
 * {@code [f·l/5, (f+1)·l/5)}; grouping by label keeps each group in shuffle order, so in this order
 * the fold's held-out points are one stretch inside each label's group and its training set is three
 * stretches. A fold solve's column is then three copies from the kept column until shrinking swaps its
 * points (then a gather from the kept column, which is small enough to stay in the cache). Without it
 * each of the five solves computes about 0.64·l² kernel values of its own (and with the whole matrix in
 * its cache's budget computes them all up front, needed or not); with it the pair computes each column
 * it needs once. Not used on a search's {@link SharedGram} ({@link KernelSource#readsSharedMatrix()}):
 * there the values are computed once already, and copying them is as bound by memory as gathering them
 * (measured: no faster).
 *
 * <p>Every value is the float32 number the inner source gives for the same two points, so the solves
 * give the same models. Columns are made by whichever solve first asks (two threads asking at once
 * both compute it; one copy is kept); they are {@code l} floats each, taken from and given back to the
 * fit's {@link ColumnArrays}. Used only when all {@code l²} values fit one kernel cache's budget
 * ({@link #fits}); {@link #close} hands the columns back.
 */
final class CalibrationGram implements KernelSource {
    /** Consecutive positions from which a fill copies instead of gathering. */
    static final int MIN_RUN = 16;

    private final Store store;
    private final KernelSource inner;

    /** The columns and the order, shared by the copies {@link #withThreads} makes. */
    private static final class Store {
        final int[] order;
        /** For each row of the training input: its index in {@code order}, or -1. */
        final int[] indexOfRow;
        final double[] diagonal;
        final AtomicReferenceArray<float[]> columns;
        final ColumnArrays arrays;
        final SmoOps ops;
        volatile boolean closed;

        Store(int[] order, double[] diagonal, ColumnArrays arrays, SmoOps ops) {
            this.order = order;
            int max = -1;
            for (int r : order) {
                max = Math.max(max, r);
            }
            this.indexOfRow = new int[max + 1];
            java.util.Arrays.fill(indexOfRow, -1);
            for (int i = 0; i < order.length; i++) {
                indexOfRow[order[i]] = i;
            }
            this.diagonal = diagonal;
            this.columns = new AtomicReferenceArray<>(order.length);
            this.arrays = arrays;
            this.ops = ops;
        }
    }

    private CalibrationGram(Store store, KernelSource inner) {
        this.store = store;
        this.inner = inner;
    }

    /** Whether {@code l × l} float32 values fit a kernel cache of {@code cacheSizeMb} megabytes. */
    static boolean fits(int l, double cacheSizeMb) {
        return (long) l * l <= KernelCache.capacityFloats(l, cacheSizeMb) && l > 0;
    }

    /**
     * The calibration matrix of the points {@code rows} (rows of the training input) with labels {@code y},
     * shuffled by {@code perm}.
     *
     * @param perm the calibration's shuffle of positions {@code 0 .. l-1} of {@code rows}
     */
    static CalibrationGram of(KernelSource inner, int[] rows, byte[] y, int[] perm, ColumnArrays arrays,
                              SmoOps ops) {
        int l = rows.length;
        int[] order = new int[l];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            // label -1 first: the fold trainings group their points in ascending label order
            byte label = pass == 0 ? (byte) -1 : (byte) 1;
            for (int j = 0; j < l; j++) {
                if (y[perm[j]] == label) {
                    order[k++] = rows[perm[j]];
                }
            }
        }
        ColumnProvider p = inner.columns(order);
        double[] diagonal = new double[l];
        for (int i = 0; i < l; i++) {
            diagonal[i] = p.diagonal(i);
        }
        if (arrays != null) {
            // the pool may keep these columns too once they are handed back
            arrays.enter((long) l * l);
        }
        return new CalibrationGram(new Store(order, diagonal, arrays, ops), inner);
    }

    @Override
    public ColumnProvider columns(int[] rows) {
        int[] index = new int[rows.length];
        for (int a = 0; a < rows.length; a++) {
            int i = rows[a] >= 0 && rows[a] < store.indexOfRow.length ? store.indexOfRow[rows[a]] : -1;
            if (i < 0) {
                throw new IllegalArgumentException("row " + rows[a] + " is not one of the calibration's points");
            }
            index[a] = i;
        }
        return new Provider(index);
    }

    @Override
    public void block(int[] a, int[] b, double[] out) {
        inner.block(a, b, out);
    }

    @Override
    public KernelSource withThreads(int threads) {
        KernelSource t = inner.withThreads(threads);
        return t == inner ? this : new CalibrationGram(store, t);
    }

    /** Hands the kept columns to the fit's pool; the solves that read this matrix must have ended. */
    void close() {
        if (store.closed) {
            return;
        }
        store.closed = true;
        for (int i = 0; i < store.columns.length(); i++) {
            float[] c = store.columns.getAndSet(i, null);
            if (c != null && store.arrays != null) {
                store.arrays.give(c);
            }
        }
        if (store.arrays != null) {
            store.arrays.leave((long) store.order.length * store.order.length);
        }
    }

    /** The number of columns kept now (for tests). */
    int keptColumns() {
        int n = 0;
        for (int i = 0; i < store.columns.length(); i++) {
            n += store.columns.get(i) == null ? 0 : 1;
        }
        return n;
    }

    /** One solve's view: its positions are indices of the calibration's order, permuted by its swaps. */
    private final class Provider implements ColumnProvider {
        private final int[] index;
        /** {@code runEnd[j]}: the end of the stretch from j whose indices follow each other; stale after a swap. */
        private final int[] runEnd;
        /** {@code nextLong[j]}: the first position from j where a stretch of {@link #MIN_RUN} or more starts (or l). */
        private final int[] nextLong;
        private boolean runsStale = true;
        /** The inner source's provider over the whole order, made on this solve's first missing column. */
        private ColumnProvider whole;
        private float[] stage;

        Provider(int[] index) {
            this.index = index;
            this.runEnd = new int[index.length];
            this.nextLong = new int[index.length];
        }

        @Override
        public int size() {
            return index.length;
        }

        @Override
        public double diagonal(int a) {
            return store.diagonal[index[a]];
        }

        @Override
        public void swap(int a, int b) {
            int t = index[a];
            index[a] = index[b];
            index[b] = t;
            runsStale = true;
        }

        @Override
        public int column(int position, int from, int len, float[] out) {
            fill(position, from, len, out, 1f, null);
            return from;
        }

        @Override
        public int signedColumn(int position, int from, int len, float[] out, float sign, float[] signs) {
            fill(position, from, len, out, sign, signs);
            return from;
        }

        @Override
        public void columns(int[] positions, int count, int len, float[][] out) {
            columns(positions, count, 0, len, out);
        }

        @Override
        public int columns(int[] positions, int count, int from, int len, float[][] out) {
            for (int r = 0; r < count; r++) {
                fill(positions[r], from, len, out[r], 1f, null);
            }
            return from;
        }

        /**
         * {@code out[j] = K(position, j)·(sign·signs[j])} for {@code from <= j < len}: copies along stretches,
         * else gathers.
         */
        private void fill(int position, int from, int len, float[] out, float sign, float[] signs) {
            if (from >= len) {
                return;
            }
            float[] col = column(index[position]);
            if (runsStale) {
                int n = index.length;
                for (int j = n - 1; j >= 0; j--) {
                    runEnd[j] = j + 1 < n && index[j + 1] == index[j] + 1 ? runEnd[j + 1] : j + 1;
                    nextLong[j] = runEnd[j] - j >= MIN_RUN ? j : j + 1 < n ? nextLong[j + 1] : n;
                }
                runsStale = false;
            }
            SmoOps ops = store.ops;
            float[] src = col;
            if (4L * (len - from) >= store.order.length && runEnd[from] - from < len - from) {
                // gathers from a column straight out of memory wait on a miss at almost every element:
                // stream it into a scratch copy first (the copies read the column in order anyway)
                if (stage == null) {
                    stage = new float[store.order.length];
                }
                System.arraycopy(col, 0, stage, 0, store.order.length);
                src = stage;
            }
            int j = from;
            while (j < len) {
                if (runEnd[j] - j >= MIN_RUN) {
                    int end = Math.min(runEnd[j], len);
                    ops.copy(src, index[j], sign, signs, out, j, end);
                    j = end;
                } else {
                    // nextLong[j] > j here
                    int k = Math.min(nextLong[j], len);
                    ops.gather(src, 0, index, sign, signs, out, j, k);
                    j = k;
                }
            }
        }

        /** Kept column {@code i} in the calibration's order: computed on first use. */
        private float[] column(int i) {
            float[] c = store.columns.get(i);
            if (c != null) {
                return c;
            }
            int l = store.order.length;
            if (whole == null) {
                whole = inner.columns(store.order);
            }
            float[] made = store.arrays == null ? null : store.arrays.take(l);
            if (made == null) {
                made = new float[l];
            }
            whole.column(i, 0, l, made);
            if (store.closed) {
                return made;
            }
            if (store.columns.compareAndSet(i, null, made)) {
                return made;
            }
            // another solve kept the same values first: use its copy, hand this one back
            float[] kept = store.columns.get(i);
            if (kept == null) {
                return made;
            }
            if (store.arrays != null) {
                store.arrays.give(made);
            }
            return kept;
        }
    }
}
