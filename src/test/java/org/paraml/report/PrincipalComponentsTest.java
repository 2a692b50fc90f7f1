package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

class PrincipalComponentsTest {
    @Test
    void findsTheDirectionsOfMostVariance() {
        // 3 features: spread 10 along (1, 1, 0)/√2, 1 along (0, 0, 1), nothing along (1, −1, 0)/√2
        Random rnd = new Random(1);
        int n = 4000;
        Matrix x = Matrix.zeros(n, 3);
        for (int i = 0; i < n; i++) {
            double a = 10 * rnd.nextGaussian();
            double b = rnd.nextGaussian();
            x.set(i, 0, 5 + a / Math.sqrt(2));
            x.set(i, 1, -3 + a / Math.sqrt(2));
            x.set(i, 2, 7 + b);
        }
        PrincipalComponents pca = PrincipalComponents.fit(x, 2);
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, h, 0}, pca.component(0), 0.01);
        assertArrayEquals(new double[] {0, 0, 1}, pca.component(1), 0.01);
        assertEquals(100, pca.explainedVariance(0), 5);
        assertEquals(1, pca.explainedVariance(1), 0.1);
        assertEquals(100 / 101.0, pca.explainedVarianceRatio(0), 0.01);
        assertEquals(1 / 101.0, pca.explainedVarianceRatio(1), 0.01);

        // the mean projects to the origin; a step along a component moves along its coordinate only
        Matrix p = pca.project(Matrix.of(new double[][] {mean(x), add(mean(x), pca.component(0), 2)}));
        assertArrayEquals(new double[] {0, 0}, p.row(0), 1e-9);
        assertArrayEquals(new double[] {2, 0}, p.row(1), 1e-9);
    }

    @Test
    void varianceUsesNMinusOne() {
        // two rows (0) and (2): mean 1, variance ((−1)² + 1²) / (2 − 1) = 2
        PrincipalComponents pca = PrincipalComponents.fit(Matrix.of(new double[][] {{0}, {2}}), 1);
        assertEquals(2, pca.explainedVariance(0), 1e-15);
        assertEquals(1, pca.explainedVarianceRatio(0), 1e-15);
        assertArrayEquals(new double[] {-1, 1}, pca.project(Matrix.of(new double[][] {{0}, {2}})).column(0), 1e-15);
    }

    @Test
    void rejectsBadArguments() {
        Matrix x = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(x.rowRange(0, 1), 1));
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(x, 3));
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(x, 0));
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(x, 1).project(Matrix.zeros(1, 3)));
    }

    private static double[] mean(Matrix x) {
        double[] m = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                m[j] += x.get(i, j) / x.rows();
            }
        }
        return m;
    }

    private static double[] add(double[] a, double[] b, double scale) {
        double[] out = a.clone();
        for (int i = 0; i < a.length; i++) {
            out[i] += scale * b[i];
        }
        return out;
    }
}
