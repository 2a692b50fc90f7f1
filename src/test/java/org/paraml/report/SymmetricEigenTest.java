package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    @Test
    void diagonalMatrixSortsItsDiagonal() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}});
        assertArrayEquals(new double[] {3, 2, 1}, e.values(), 0);
        assertArrayEquals(new double[] {0, 1, 0}, e.vector(0), 0);
        assertArrayEquals(new double[] {0, 0, 1}, e.vector(1), 0);
    }

    @Test
    void twoByTwoByHand() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-15);
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, h}, e.vector(0), 1e-15);
        double[] v = e.vector(1);
        assertEquals(h, Math.abs(v[0]), 1e-15);
        assertEquals(-v[0], v[1], 1e-15);
    }

    @Test
    void randomMatricesAreRebuiltFromTheirDecomposition() {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 2, 3, 7, 20, 33}) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] = a[j][i] = rnd.nextGaussian() * (i == j ? 5 : 1);
                }
            }
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] values = e.values();
            for (int k = 1; k < n; k++) {
                assertTrue(values[k - 1] >= values[k], "descending");
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double rebuilt = 0;
                    double dot = 0;
                    for (int k = 0; k < n; k++) {
                        rebuilt += e.vector(k)[i] * values[k] * e.vector(k)[j];
                        dot += e.vector(i)[k] * e.vector(j)[k];
                    }
                    assertEquals(a[i][j], rebuilt, 1e-12 * n, "A = V Λ Vᵀ at " + i + "," + j + " (n=" + n + ")");
                    assertEquals(i == j ? 1 : 0, dot, 1e-13 * n, "orthonormal vectors " + i + "," + j);
                }
            }
        }
    }

    @Test
    void zeroAndRankOneMatrices() {
        assertArrayEquals(new double[] {0, 0}, SymmetricEigen.of(new double[][] {{0, 0}, {0, 0}}).values(), 0);
        // u uᵀ with u = (1, 2, 2): eigenvalue |u|² = 9 along u / 3, then zeros
        double[] u = {1, 2, 2};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = u[i] * u[j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(new double[] {9, 0, 0}, e.values(), 1e-14);
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 2 / 3.0}, e.vector(0), 1e-15);
    }

    @Test
    void rejectsWhatIsNotASymmetricMatrix() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
