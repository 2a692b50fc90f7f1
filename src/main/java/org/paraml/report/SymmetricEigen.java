package org.paraml.report;

/**
 * The eigen decomposition {@code A = V Λ Vᵀ} of a small dense symmetric matrix by the cyclic Jacobi
 * method: plane rotations, each of which zeroes one off-diagonal pair, swept over every pair until the
 * off-diagonal part is negligible. Accurate to a few units of roundoff in the eigenvalues, and meant for
 * matrices of tens of rows (a covariance of tens of features); the cost is {@code O(n³)} per sweep and
 * a handful of sweeps suffice.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes {@code a} (not modified; only its values are read, and it must be symmetric).
     *
     * @throws IllegalArgumentException if {@code a} is not square, not symmetric or not finite
     */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("the matrix must be square: row " + i + " has " + a[i].length
                        + " values, expected " + n);
            }
            m[i] = a[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException("the matrix must be finite, got " + m[i][j] + " at (" + i
                            + ", " + j + ")");
                }
                if (Math.abs(m[i][j] - m[j][i]) > 1e-9 * (Math.abs(m[i][j]) + Math.abs(m[j][i]) + Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException("the matrix must be symmetric: (" + i + ", " + j + ") = "
                            + m[i][j] + " but (" + j + ", " + i + ") = " + m[j][i]);
                }
            }
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 0; sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, p, q);
                }
            }
        }
        return sorted(m, v);
    }

    /**
     * Sum of the squares of the off-diagonal entries, or 0 once each of them is negligible next to
     * its diagonal entries (a rotation would then no longer change the diagonal).
     */
    private static double offDiagonal(double[][] m) {
        double sum = 0;
        boolean negligible = true;
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                sum += m[i][j] * m[i][j];
                double scale = Math.abs(m[i][i]) + Math.abs(m[j][j]);
                if (Math.abs(m[i][j]) > 0x1p-60 * scale) {
                    negligible = false;
                }
            }
        }
        return negligible ? 0 : sum;
    }

    /**
     * Applies the rotation in the (p, q) plane that zeroes {@code m[p][q]}: {@code m ← Jᵀ m J},
     * {@code v ← v J}, with {@code tan} of the angle the smaller root of {@code t² + 2θt − 1 = 0},
     * {@code θ = (m_qq − m_pp) / (2 m_pq)}.
     */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double apq = m[p][q];
        if (Math.abs(apq) <= 0x1p-60 * (Math.abs(m[p][p]) + Math.abs(m[q][q]))) {
            m[p][q] = m[q][p] = 0; // negligible: below the roundoff of the diagonal it would change
            return;
        }
        double theta = (m[q][q] - m[p][p]) / (2 * apq);
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int r = 0; r < n; r++) {
            if (r != p && r != q) {
                double arp = m[r][p];
                double arq = m[r][q];
                m[r][p] = m[p][r] = c * arp - s * arq;
                m[r][q] = m[q][r] = s * arp + c * arq;
            }
        }
        m[p][p] -= t * apq;
        m[q][q] += t * apq;
        m[p][q] = m[q][p] = 0;
        for (int r = 0; r < n; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = c * vrp - s * vrq;
            v[r][q] = s * vrp + c * vrq;
        }
    }

    /** Eigenvalues in descending order, each eigenvector with its largest-magnitude component positive. */
    private static SymmetricEigen sorted(double[][] m, double[][] v) {
        int n = m.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(m[b][b], m[a][a]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int col = order[k];
            values[k] = m[col][col];
            int largest = 0;
            for (int r = 0; r < n; r++) {
                vectors[k][r] = v[r][col];
                if (Math.abs(v[r][col]) > Math.abs(v[largest][col])) {
                    largest = r;
                }
            }
            if (v[largest][col] < 0) {
                for (int r = 0; r < n; r++) {
                    vectors[k][r] = -vectors[k][r];
                }
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** The eigenvalues, largest first (a copy). */
    double[] values() {
        return values.clone();
    }

    /** The unit eigenvector of the {@code k}-th largest eigenvalue (a copy). */
    double[] vector(int k) {
        return vectors[k].clone();
    }
}
