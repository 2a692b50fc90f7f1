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
        double[] a = x.data();
        for (int i = 0; i < rows; i++) {
            int o = x.offset(i);
            for (int j = 0; j < d; j++) {
                s.mean[j] += a[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            s.mean[j] /= rows;
        }
        for (int i = 0; i < rows; i++) {
            int o = x.offset(i);
            for (int j = 0; j < d; j++) {
                double t = a[o + j] - s.mean[j];
                s.m2[j] += t * t;
            }
        }
        s.n = rows;
        return s;
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
