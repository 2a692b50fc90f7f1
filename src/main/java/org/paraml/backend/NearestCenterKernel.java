package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * The per-backend inner loops of the k-means operations, run by {@link KMeansChunks} on one chunk
 * of rows at a time. Implementations must compute each row's result independently of which chunk
 * or block it falls in, so that results do not depend on the chunking.
 */
public interface NearestCenterKernel {
    /**
     * For every row i in {@code [from, to)} of {@code x}, with {@code o = outOffset + i − from}:
     * {@code labels[o] = argmin_c ‖x_i − c‖²} (ties: lowest c) and {@code distances[o] = ‖x_i −
     * c_{labels[o]}‖²} computed directly (not from norms). Modifies only those elements.
     */
    void nearest(Matrix x, int from, int to, PreparedMatrix centers, int[] labels, double[] distances, int outOffset);

    /**
     * Adds rows {@code [from, to)} into per-centre sums, in row order: {@code sums[l·d + j] += w_i·x_ij}
     * and {@code counts[l] += w_i}, where {@code l = labels[labelsOffset + i − from]} and
     * {@code w_i = sampleWeight[i]} (1 when null). Modifies {@code sums} and {@code counts}.
     */
    default void accumulate(Matrix x, int from, int to, double[] sampleWeight, int[] labels, int labelsOffset,
                            double[] sums, double[] counts) {
        double[] data = x.data();
        int d = x.cols();
        for (int i = from; i < to; i++) {
            int l = labels[labelsOffset + i - from];
            double w = sampleWeight == null ? 1.0 : sampleWeight[i];
            int o = x.offset(i);
            int s = l * d;
            for (int j = 0; j < d; j++) {
                sums[s + j] += w * data[o + j];
            }
            counts[l] += w;
        }
    }
}
