package org.paraml.bench;

import java.util.SplittableRandom;
import org.paraml.linalg.Matrix;

/** Seeded random matrices for the benchmarks. */
final class BenchData {
    private BenchData() {
    }

    /** rows × cols, uniform in [−1, 1). */
    static Matrix uniform(long seed, int rows, int cols) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextDouble(-1.0, 1.0);
        }
        return Matrix.wrap(data, rows, cols);
    }
}
