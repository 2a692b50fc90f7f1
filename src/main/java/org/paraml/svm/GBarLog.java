package org.paraml.svm;

import java.util.Arrays;
import org.paraml.backend.SmoOps;

/**
 * The {@code G_bar} updates of the inactive positions, logged at each SMO step and made together just
 * before the gradient is rebuilt, the only reader of those values.
 *
 * <p>When {@code α_i} reaches or leaves its upper bound, libsvm adds {@code ±C_i·Q_ik} to
 * {@code G_bar_k} for every k, active or not; beyond the active positions that needs column i's
 * inactive part, one kernel column of its own for each such step (at 50,000 × 20 about 11,000 of them,
 * each streaming the inactive rows from memory, and filling the kernel cache with column tails that
 * the solve seldom reads again). Logged instead, the tails are computed in batches of
 * up to {@value #BATCH} columns through the backend's block path (which reads the rows once per batch) and
 * added in the log's order, so every {@code G_bar_k} receives the same additions in the same order as
 * at each step: the same bits.
 *
 * <p>The solver logs only when its cache cannot hold the whole matrix: there, a full column is
 * computed once and read again for free, and a search's small folds ran 10-20% slower with the log.
 *
 * <p>A logged range stays valid until the next rebuild: shrinking exchanges active positions only,
 * so an inactive position keeps its place; the point of a logged column is kept by its index in the
 * problem, which does not move.
 */
final class GBarLog {
    /** Columns per kernel call when the log is applied (fewer when {@link #BATCH_FLOATS} would be exceeded). */
    static final int BATCH = 32;
    /** At most this many float32 values per batch (16 MiB), so that very long columns take fewer per call. */
    static final int BATCH_FLOATS = 1 << 22;

    private int[] points = new int[64];
    private double[] scales = new double[64];
    private int[] froms = new int[64];
    private int count;

    /** Logs {@code G_bar_k += scale · Q(point, k)} for {@code from <= k < l}; {@code point} is the problem index. */
    void add(int point, double scale, int from) {
        if (count == points.length) {
            points = Arrays.copyOf(points, 2 * count);
            scales = Arrays.copyOf(scales, 2 * count);
            froms = Arrays.copyOf(froms, 2 * count);
        }
        points[count] = point;
        scales[count] = scale;
        froms[count] = from;
        count++;
    }

    /** The number of logged updates not yet made. */
    int size() {
        return count;
    }

    /**
     * Makes the logged updates in their order and empties the log.
     *
     * @param q         the solve's matrix, positions as they are now
     * @param ops       the loops the steps would have used ({@code gBar[k] += s·col[k]})
     * @param gBar      {@code G_bar} by position
     * @param activeSet the problem index of the point at each position
     */
    void apply(QMatrix q, SmoOps ops, double[] gBar, int[] activeSet) {
        apply(q, ops, gBar, activeSet, BATCH_FLOATS);
    }

    /** {@link #apply(QMatrix, SmoOps, double[], int[])} with at most {@code batchFloats} values a batch. */
    void apply(QMatrix q, SmoOps ops, double[] gBar, int[] activeSet, int batchFloats) {
        if (count == 0) {
            return;
        }
        int l = gBar.length;
        int[] position = new int[l];
        for (int a = 0; a < l; a++) {
            position[activeSet[a]] = a;
        }
        int rows = Math.max(1, Math.min(Math.min(BATCH, count), batchFloats / l));
        int[] batch = new int[rows];
        float[][] cols = new float[rows][l];
        for (int e0 = 0; e0 < count; e0 += rows) {
            int n = Math.min(rows, count - e0);
            int from = l;
            for (int r = 0; r < n; r++) {
                batch[r] = position[points[e0 + r]];
                from = Math.min(from, froms[e0 + r]);
            }
            q.columnsUncached(batch, n, from, l, cols);
            for (int r = 0; r < n; r++) {
                ops.addScaled(gBar, cols[r], scales[e0 + r], froms[e0 + r], l);
            }
        }
        count = 0;
    }
}
