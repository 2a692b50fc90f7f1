package org.paraml.svm;

/**
 * libsvm's {@code SVC_Q}: {@code Q_ab = y_a y_b K(x_a, x_b)} over a {@link ColumnProvider}, with a
 * {@link KernelCache} of float32 columns.
 *
 * <p>Columns are computed as the solver asks for them. When the whole {@code l × l} matrix fits the
 * cache budget the provider is told once ({@link ColumnProvider#prepareWhole()}).
 */
final class SvcQ implements QMatrix {
    private final ColumnProvider kernel;
    private final KernelCache cache;
    private final float[] sign;
    private final double[] qd;
    private final int l;

    /**
     * @param kernel      the raw kernel values of the problem's points
     * @param y           the label of each point, +1 or -1 (not modified)
     * @param cacheSizeMb the cache budget in megabytes (2^20 bytes)
     */
    SvcQ(ColumnProvider kernel, byte[] y, double cacheSizeMb) {
        this(kernel, y, cacheSizeMb, null);
    }

    /** As {@link #SvcQ(ColumnProvider, byte[], double)}, the cache's arrays taken from and given back to {@code arrays} (or null). */
    SvcQ(ColumnProvider kernel, byte[] y, double cacheSizeMb, ColumnArrays arrays) {
        this.kernel = kernel;
        this.l = kernel.size();
        this.cache = new KernelCache(l, cacheSizeMb, arrays);
        this.sign = new float[l];
        this.qd = new double[l];
        for (int a = 0; a < l; a++) {
            sign[a] = y[a] > 0 ? 1f : -1f;
            qd[a] = kernel.diagonal(a);
        }
        if (l > 0 && cache.holdsWholeMatrix()) {
            kernel.prepareWhole();
        }
    }

    @Override
    public float[] column(int a, int len) {
        return column(a, len, null);
    }

    @Override
    public float[] column(int a, int len, SmoPartner partner) {
        int start = cache.request(a, len);
        float[] col = cache.data(a);
        if (start < len) {
            if (partner != null && len - start >= SmoPartner.MIN_POSITIONS && kernel.splitsColumns()
                    && partner.available()) {
                kernel.readyForRanges();
                partner.postColumn(kernel, a, start, len, col, sign[a], sign);
                partner.columnChunks();
                partner.await();
            } else {
                kernel.signedColumn(a, start, len, col, sign[a], sign);
            }
        }
        return col;
    }

    @Override
    public float[][] columns(int[] positions, int count, int len) {
        float[][] result = new float[count][];
        int[] missing = new int[count];
        int[] missingStart = new int[count];
        float[][] missingCols = new float[count][];
        int m = 0;
        for (int r = 0; r < count; r++) {
            int a = positions[r];
            int start = cache.request(a, len);
            result[r] = cache.data(a);
            if (start < len) {
                missing[m] = a;
                missingStart[m] = start;
                missingCols[m] = result[r];
                m++;
            }
        }
        // one provider call per distinct cached length: extended columns compute only their new tail
        boolean[] done = new boolean[m];
        int[] group = new int[m];
        float[][] groupCols = new float[m][];
        for (int r = 0; r < m; r++) {
            if (done[r]) {
                continue;
            }
            int from = missingStart[r];
            int g = 0;
            for (int t = r; t < m; t++) {
                if (!done[t] && missingStart[t] == from) {
                    done[t] = true;
                    group[g] = missing[t];
                    groupCols[g] = missingCols[t];
                    g++;
                }
            }
            int written = kernel.columns(group, g, from, len, groupCols);
            for (int t = 0; t < g; t++) {
                applySigns(group[t], groupCols[t], written, len);
            }
        }
        return result;
    }

    @Override
    public boolean cachesWholeMatrix() {
        return cache.holdsWholeMatrix();
    }

    @Override
    public void columnsUncached(int[] positions, int count, int from, int len, float[][] out) {
        int written = kernel.columns(positions, count, from, len, out);
        for (int r = 0; r < count; r++) {
            applySigns(positions[r], out[r], written, len);
        }
    }

    private void applySigns(int a, float[] col, int from, int len) {
        ColumnProvider.applySigns(col, sign[a], sign, from, len);
    }

    @Override
    public double[] diagonal() {
        return qd;
    }

    @Override
    public void release() {
        cache.release();
    }

    @Override
    public void reuseColumnArrays() {
        cache.reuseLetGo();
    }

    @Override
    public void swap(int a, int b) {
        if (a == b) {
            return;
        }
        cache.swap(a, b);
        kernel.swap(a, b);
        float ts = sign[a];
        sign[a] = sign[b];
        sign[b] = ts;
        double tq = qd[a];
        qd[a] = qd[b];
        qd[b] = tq;
    }
}
