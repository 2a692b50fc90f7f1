package org.paraml.svm;

import org.paraml.backend.SmoOps;

/**
 * The kernel of a fit on a fold of a search's data, read from the search's {@link SharedGram}:
 * the solver's columns are gathered from the shared rows by index ({@code K(x_a, x_b)} for fold
 * rows a and b is {@code G[base[a]][base[b]]}, the same float32 number the fit would compute), so
 * the fit computes no kernel values that another fit of the search computed already. The
 * float64 kernel blocks of the probability calibration's decision values are not shared: they
 * come from {@code blocks}, as without sharing.
 */
final class SharedKernelSource implements KernelSource {
    private final SharedGram gram;
    /** Row of the search's data of each row of the fit's input. */
    private final int[] base;
    private final KernelSource blocks;
    private final int threads;
    private final SmoOps ops;

    /**
     * @param gram    the shared matrix of the fit's kernel
     * @param base    the row of the search's data of each row of the fit's input
     * @param blocks  where float64 kernel blocks come from (the fit's unshared source)
     * @param threads the thread budget for computing missing rows
     * @param ops     the gather loops (the backend's {@link SmoOps})
     */
    SharedKernelSource(SharedGram gram, int[] base, KernelSource blocks, int threads, SmoOps ops) {
        this.gram = gram;
        this.base = base;
        this.blocks = blocks;
        this.threads = threads;
        this.ops = ops;
    }

    @Override
    public ColumnProvider columns(int[] rows) {
        int[] order = new int[rows.length];
        for (int a = 0; a < rows.length; a++) {
            order[a] = gram.position(base[rows[a]]);
        }
        return new Gathered(order);
    }

    @Override
    public void block(int[] a, int[] b, double[] out) {
        blocks.block(a, b, out);
    }

    @Override
    public boolean readsSharedMatrix() {
        return true;
    }

    @Override
    public KernelSource withThreads(int t) {
        return t == threads ? this : new SharedKernelSource(gram, base, blocks.withThreads(t), t, ops);
    }

    /**
     * A solver's view: its positions map to positions of the shared matrix, permuted by the solver's
     * swaps. A long gather first copies the span of the shared row that holds the fit's rows into a
     * local buffer: the copy streams the row from memory in order, where a gather straight from the
     * row would wait on a cache miss at almost every element (the shared matrices are far larger
     * than the caches, and the solver's order is a permutation).
     */
    private final class Gathered implements ColumnProvider {
        private final int[] order;
        private final int[] one = new int[1];
        private final int[] oneOffset = new int[1];
        /** The shared positions of the fit's rows lie in {@code [lo, lo + span)}. */
        private final int lo;
        private final int span;
        private float[] stage;

        Gathered(int[] order) {
            this.order = order;
            int min = Integer.MAX_VALUE;
            int max = -1;
            for (int p : order) {
                min = Math.min(min, p);
                max = Math.max(max, p);
            }
            this.lo = order.length == 0 ? 0 : min;
            this.span = order.length == 0 ? 0 : max - min + 1;
        }

        @Override
        public int size() {
            return order.length;
        }

        @Override
        public double diagonal(int a) {
            return gram.diagonal(order[a]);
        }

        @Override
        public void swap(int a, int b) {
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
        }

        /** Computes the missing shared rows of all positions in batches; the solver then gathers as it asks. */
        @Override
        public void prepareWhole() {
            int[] all = order.clone();
            for (int from = 0; from < all.length; from += SharedGram.BATCH_ROWS) {
                int count = Math.min(SharedGram.BATCH_ROWS, all.length - from);
                gram.rows(java.util.Arrays.copyOfRange(all, from, from + count), count, threads, new int[count]);
            }
        }

        @Override
        public int column(int position, int from, int len, float[] out) {
            one[0] = order[position];
            float[] row = gram.rows(one, 1, threads, oneOffset)[0];
            gather(row, oneOffset[0], from, len, out, 1f, null);
            return from;
        }

        @Override
        public int signedColumn(int position, int from, int len, float[] out, float sign, float[] signs) {
            one[0] = order[position];
            float[] row = gram.rows(one, 1, threads, oneOffset)[0];
            gather(row, oneOffset[0], from, len, out, sign, signs);
            return from;
        }

        /** {@code out[j] = row[off + order[j]]} (times {@code sign·signs[j]} when signs are given) for j in [from, len). */
        private void gather(float[] row, int off, int from, int len, float[] out, float sign, float[] signs) {
            // staging pays when the gather reads a good part of the span anyway
            if (4L * (len - from) >= span) {
                if (stage == null) {
                    stage = new float[span];
                }
                System.arraycopy(row, off + lo, stage, 0, span);
                ops.gather(stage, lo, order, sign, signs, out, from, len);
            } else {
                ops.gather(row, -off, order, sign, signs, out, from, len);
            }
        }

        @Override
        public void columns(int[] positions, int count, int len, float[][] out) {
            columns(positions, count, 0, len, out);
        }

        @Override
        public int columns(int[] positions, int count, int from, int len, float[][] out) {
            if (count == 0 || len == from) {
                return from;
            }
            int[] idx;
            if (count == 1) {
                one[0] = order[positions[0]];
                idx = one;
            } else {
                idx = new int[count];
                for (int r = 0; r < count; r++) {
                    idx[r] = order[positions[r]];
                }
            }
            int[] offsets = new int[count];
            float[][] rows = gram.rows(idx, count, threads, offsets);
            for (int r = 0; r < count; r++) {
                gather(rows[r], offsets[r], from, len, out[r], 1f, null);
            }
            return from;
        }
    }
}
