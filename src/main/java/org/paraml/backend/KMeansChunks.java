package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * The thread-count-independent skeleton of the k-means block operations, shared by all CPU
 * backends: it splits the rows into fixed chunks, runs a backend's {@link NearestCenterKernel} on
 * each chunk (in parallel, within the thread budget), and reduces the per-chunk partial sums in
 * chunk order.
 *
 * <p><b>Chunking rule.</b> A chunk holds {@link #chunkRows(int, int, int)} rows: at least
 * {@value #MIN_CHUNK_ROWS} and a multiple of 64, and more when k·d is so large that the partial sums of all chunks would
 * exceed {@value #PARTIAL_BUDGET} doubles. It depends only on (n, k, d), never on the thread count,
 * and each chunk is summed in row order, so every thread count gives bit-identical sums.
 */
public final class KMeansChunks {
    /** The fewest rows in a chunk. */
    public static final int MIN_CHUNK_ROWS = 4096;
    /** The most doubles that the partial sums of all chunks of one call may hold together. */
    public static final long PARTIAL_BUDGET = 1L << 22;

    private KMeansChunks() {
    }

    /** Rows per chunk for n rows, k centres and d features (see the class comment). */
    public static int chunkRows(int n, int k, int d) {
        long perChunk = (long) k * d + k;
        long maxChunks = Math.max(1, PARTIAL_BUDGET / perChunk);
        long rows = Math.max(MIN_CHUNK_ROWS, (n + maxChunks - 1) / maxChunks);
        rows = (rows + 63) / 64 * 64; // chunks start on whole tiles of rows
        return (int) Math.min(Integer.MAX_VALUE - 63, rows);
    }

    /** {@link Backend#lloydStep} on top of {@code kernel}; arguments already checked. */
    public static double lloyd(NearestCenterKernel kernel, Matrix x, double[] sampleWeight, PreparedMatrix centers,
                               int[] labels, double[] distances, double[] sums, double[] counts, int threads) {
        int n = x.rows();
        int k = centers.rows();
        int d = x.cols();
        int rowsPerChunk = chunkRows(n, k, d);
        int chunks = (n + rowsPerChunk - 1) / rowsPerChunk;
        boolean wantSums = sums != null;
        boolean wantCounts = counts != null;
        double[][] partialSums = new double[chunks][];
        double[][] partialCounts = new double[chunks][];
        double[] partialInertia = new double[chunks];
        Parallel.forEach(chunks, threads, c -> {
            int from = c * rowsPerChunk;
            int to = Math.min(n, from + rowsPerChunk);
            int[] lab = labels;
            double[] dist = distances;
            int off = from;
            if (lab == null || dist == null) {
                off = 0;
                lab = new int[to - from];
                dist = new double[to - from];
            }
            double[] s = wantSums ? new double[k * d] : null;
            double[] cnt = wantCounts ? new double[k] : null;
            partialInertia[c] = kernel.assign(x, from, to, sampleWeight, centers, lab, dist, off, s, cnt);
            partialSums[c] = s;
            partialCounts[c] = cnt;
            if (labels != null && lab != labels) {
                System.arraycopy(lab, 0, labels, from, to - from);
            }
            if (distances != null && dist != distances) {
                System.arraycopy(dist, 0, distances, from, to - from);
            }
        });
        double inertia = 0.0;
        for (int c = 0; c < chunks; c++) {
            inertia += partialInertia[c];
        }
        if (chunks > 0) {
            if (wantSums) {
                addInChunkOrder(partialSums, sums);
            }
            if (wantCounts) {
                addInChunkOrder(partialCounts, counts);
            }
        }
        return inertia;
    }

    /** {@link Backend#updateMinDistances} on top of {@code kernel}; arguments already checked. */
    public static double updateMin(NearestCenterKernel kernel, Matrix x, PreparedMatrix centers,
                                   double[] minDistances, int[] argmin, int argminBase, int threads) {
        int n = x.rows();
        int rowsPerChunk = MIN_CHUNK_ROWS;
        int chunks = (n + rowsPerChunk - 1) / rowsPerChunk;
        double[] partialCost = new double[chunks];
        Parallel.forEach(chunks, threads, c -> {
            int from = c * rowsPerChunk;
            int to = Math.min(n, from + rowsPerChunk);
            partialCost[c] = kernel.lowerMin(x, from, to, centers, minDistances, argmin, argminBase);
        });
        double cost = 0.0;
        for (int c = 0; c < chunks; c++) {
            cost += partialCost[c];
        }
        return cost;
    }

    /** {@code target[j] += Σ_c partials[c][j]}, the inner sum taken in chunk order c = 0, 1, …. */
    static void addInChunkOrder(double[][] partials, double[] target) {
        double[] total = partials[0].clone();
        for (int c = 1; c < partials.length; c++) {
            double[] p = partials[c];
            for (int j = 0; j < total.length; j++) {
                total[j] += p[j];
            }
        }
        for (int j = 0; j < total.length; j++) {
            target[j] += total[j];
        }
    }
}
