package org.paraml.cluster;

import org.paraml.linalg.Matrix;

/**
 * Per-feature count, mean and sum of squared deviations of some rows, merged block by block with the
 * pairwise update of Chan, Golub and LeVeque (1979); used for scikit-learn's tolerance
 * {@code tol × mean(var(X, axis=0))} (population variance, ddof = 0).
 */
final class FeatureStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private long n;
    private final double[] mean;
    private final double[] m2;

    FeatureStats(int cols) {
        mean = new double[cols];
        m2 = new double[cols];
    }

    /** Statistics of the rows of one block (two passes over the block: mean, then squared deviations). */
    static FeatureStats of(Matrix x) {
        int d = x.cols();
        FeatureStats s = new FeatureStats(d);
        int rows = x.rows();
        if (rows == 0) {
            return s;
        }
        // rows back to back (a view with gaps is copied first: blocks and their pieces never are one)
        Matrix packed = x.isContiguous() ? x : x.compact();
        double[] a = packed.data();
        int base = packed.offset(0);
        addRows(a, base, rows, d, s.mean);
        for (int j = 0; j < d; j++) {
            s.mean[j] /= rows;
        }
        addSquaredDeviations(a, base, rows, d, s.mean, s.m2);
        s.n = rows;
        return s;
    }

    /*
     * The two loops below, over the rows a[base + i·d ..] for i < rows, take rows four at a time and keep each
     * feature's running sum in a register across the four, adding them in row order (the same bits as one row at a
     * time): a sum kept in memory from row to row waits on a store and a load each time. 23 → 16 ns a row at 20
     * features (bench/RESULTS.md, session 31).
     */

    /** {@code sums_j += x_ij}, in row order. */
    private static void addRows(double[] a, int base, int rows, int d, double[] sums) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int o = base + i * d;
            for (int j = 0; j < d; j++) {
                double v = sums[j];
                v += a[o + j];
                v += a[o + d + j];
                v += a[o + 2 * d + j];
                v += a[o + 3 * d + j];
                sums[j] = v;
            }
        }
        for (; i < rows; i++) {
            int o = base + i * d;
            for (int j = 0; j < d; j++) {
                sums[j] += a[o + j];
            }
        }
    }

    /** {@code m2_j += (x_ij − mean_j)²}, in row order, each square rounded before it is added. */
    private static void addSquaredDeviations(double[] a, int base, int rows, int d, double[] mean, double[] m2) {
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int o = base + i * d;
            for (int j = 0; j < d; j++) {
                double mu = mean[j];
                double t0 = a[o + j] - mu;
                double t1 = a[o + d + j] - mu;
                double t2 = a[o + 2 * d + j] - mu;
                double t3 = a[o + 3 * d + j] - mu;
                double v = m2[j];
                v += t0 * t0;
                v += t1 * t1;
                v += t2 * t2;
                v += t3 * t3;
                m2[j] = v;
            }
        }
        for (; i < rows; i++) {
            int o = base + i * d;
            for (int j = 0; j < d; j++) {
                double t = a[o + j] - mean[j];
                m2[j] += t * t;
            }
        }
    }

    /** Rows per piece in {@link #ofPieces}: 320 KB at 20 features, so the second read hits the cache. */
    static final int PIECE_ROWS = 2048;

    /**
     * Statistics of the rows of one block, computed on consecutive pieces of {@value #PIECE_ROWS} rows
     * ({@link #of} on each, two passes over a piece that stays in cache) merged in order with
     * {@link #merge}: one read of the block from memory instead of two. Equal to {@link #of} up to
     * rounding, and a fixed function of the block (not of the thread count).
     */
    static FeatureStats ofPieces(Matrix x) {
        int rows = x.rows();
        if (rows <= PIECE_ROWS) {
            return of(x);
        }
        FeatureStats s = new FeatureStats(x.cols());
        for (int from = 0; from < rows; from += PIECE_ROWS) {
            s.merge(of(x.rowRange(from, Math.min(rows, from + PIECE_ROWS))));
        }
        return s;
    }

    /** Merges {@code other} (the statistics of later rows) into this. */
    void merge(FeatureStats other) {
        if (other.n == 0) {
            return;
        }
        if (n == 0) {
            n = other.n;
            System.arraycopy(other.mean, 0, mean, 0, mean.length);
            System.arraycopy(other.m2, 0, m2, 0, m2.length);
            return;
        }
        double total = (double) n + other.n;
        for (int j = 0; j < mean.length; j++) {
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * other.n / total;
            m2[j] += other.m2[j] + delta * delta * ((double) n * other.n / total);
        }
        n += other.n;
    }

    long count() {
        return n;
    }

    /** The mean of each feature (a copy). */
    double[] mean() {
        return mean.clone();
    }

    /** {@code Σ_f var(X_f)}: the total population variance (0 when there are no rows). */
    double totalVariance() {
        if (n == 0) {
            return 0;
        }
        double s = 0;
        for (double v : m2) {
            s += v / n;
        }
        return s;
    }

    /** The mean over features of the population variance of each feature (0 when there are no rows). */
    double meanVariance() {
        if (n == 0) {
            return 0;
        }
        double s = 0;
        for (double v : m2) {
            s += v / n;
        }
        return s / m2.length;
    }
}
