package org.paraml.report;

import org.paraml.linalg.Matrix;

/**
 * Principal component analysis of a sample, enough to draw it in two dimensions: the sample's mean,
 * its covariance ({@code XcᵀXc / (n − 1)} of the mean-centred rows), and the covariance's leading
 * eigenvectors ({@link SymmetricEigen}). {@link #project} maps rows of the same features onto them, as
 * scikit-learn's {@code PCA(n_components).fit(sample).transform(x)} (up to the sign of each component,
 * chosen here so that its largest-magnitude loading is positive). Immutable.
 */
final class PrincipalComponents {
    private final double[] mean;
    private final double[][] components;
    private final double[] explained;
    private final double totalVariance;

    private PrincipalComponents(double[] mean, double[][] components, double[] explained, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.explained = explained;
        this.totalVariance = totalVariance;
    }

    /**
     * Fits {@code k} components to the rows of {@code sample} (not modified).
     *
     * @throws IllegalArgumentException with fewer than two rows, {@code k} outside {@code [1, cols]}, or
     *                                  non-finite values
     */
    static PrincipalComponents fit(Matrix sample, int k) {
        int n = sample.rows();
        int d = sample.cols();
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
        }
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("n_components must be between 1 and " + d + ", got " + k);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += sample.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[j] = sample.get(i, j) - mean[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += centred[a] * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n - 1;
                cov[b][a] = cov[a][b];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(cov);
        double[] values = eigen.values();
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        double[][] components = new double[k][];
        double[] explained = new double[k];
        for (int c = 0; c < k; c++) {
            components[c] = eigen.vector(c);
            explained[c] = Math.max(0, values[c]);
        }
        return new PrincipalComponents(mean, components, explained, total);
    }

    /** The number of components. */
    int size() {
        return components.length;
    }

    /** The unit vector of component {@code c} in feature space (a copy). */
    double[] component(int c) {
        return components[c].clone();
    }

    /** The variance of the sample along component {@code c} ({@code explained_variance_}). */
    double explainedVariance(int c) {
        return explained[c];
    }

    /** The share of the sample's total variance along component {@code c} ({@code explained_variance_ratio_}). */
    double explainedVarianceRatio(int c) {
        return totalVariance > 0 ? explained[c] / totalVariance : 0;
    }

    /**
     * The coordinates of each row of {@code x} on the components: {@code (x_i − mean) · component_c},
     * an {@code x.rows() × size()} matrix.
     *
     * @throws IllegalArgumentException if {@code x} has another number of features
     */
    Matrix project(Matrix x) {
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("X has " + x.cols() + " features, but the PCA was fitted on "
                    + mean.length);
        }
        Matrix out = Matrix.zeros(x.rows(), components.length);
        for (int i = 0; i < x.rows(); i++) {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    s += (x.get(i, j) - mean[j]) * components[c][j];
                }
                out.set(i, c, s);
            }
        }
        return out;
    }
}
