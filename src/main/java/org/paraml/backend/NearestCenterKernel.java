package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * The per-backend inner loops of the k-means operations, run by {@link KMeansChunks} on one chunk
 * of rows at a time. Implementations must compute each row's result independently of which chunk
 * or block it falls in, so that results do not depend on the chunking.
 *
 * <p>{@link #nearest} and {@link #accumulate} are the two steps; {@link #assign} and {@link #lowerMin}
 * are the fused forms that {@link KMeansChunks} calls, so that a backend can do everything a row needs
 * while the row is in cache (read once from memory). Their defaults run the steps one after the other
 * and define the results: a backend that overrides them must give the same values bit for bit.
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

    /**
     * {@link #nearest} on rows {@code [from, to)}, then {@link #accumulate} of the same rows into
     * {@code sums} and {@code counts} (only the counts when {@code sums} is null, nothing when both are);
     * returns the chunk's inertia {@code Σ_i w_i·distances[o_i]}, summed in row order from 0.
     *
     * @param sums   per-centre sums (k·d), added to; or null
     * @param counts per-centre counts (k), added to; or null
     */
    default double assign(Matrix x, int from, int to, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                          double[] distances, int outOffset, double[] sums, double[] counts) {
        nearest(x, from, to, centers, labels, distances, outOffset);
        double inertia = 0.0;
        for (int i = from; i < to; i++) {
            double w = sampleWeight == null ? 1.0 : sampleWeight[i];
            inertia += w * distances[outOffset + i - from];
        }
        if (sums != null) {
            accumulate(x, from, to, sampleWeight, labels, outOffset, sums,
                    counts != null ? counts : new double[centers.rows()]);
        } else if (counts != null) {
            for (int i = from; i < to; i++) {
                counts[labels[outOffset + i - from]] += sampleWeight == null ? 1.0 : sampleWeight[i];
            }
        }
        return inertia;
    }

    /**
     * The k-means|| cost update of rows {@code [from, to)}: with {@code l_i} and {@code δ_i} the label
     * and distance {@link #nearest} gives row i, when {@code δ_i < minDistances[i]} sets
     * {@code minDistances[i] = δ_i} (and {@code argmin[i] = argminBase + l_i} when argmin is not
     * null). Returns {@code Σ_i minDistances[i]} after the update, summed in row order from 0.
     */
    default double lowerMin(Matrix x, int from, int to, PreparedMatrix centers, double[] minDistances, int[] argmin,
                            int argminBase) {
        int[] lab = new int[to - from];
        double[] dist = new double[to - from];
        nearest(x, from, to, centers, lab, dist, 0);
        double cost = 0.0;
        for (int i = from; i < to; i++) {
            double candidate = dist[i - from];
            if (candidate < minDistances[i]) {
                minDistances[i] = candidate;
                if (argmin != null) {
                    argmin[i] = argminBase + lab[i - from];
                }
            }
            cost += minDistances[i];
        }
        return cost;
    }
}
