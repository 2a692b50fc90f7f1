package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * The k-means operations on translated rows {@code x_i − s} for a backend that cannot translate while it
 * reads: the rows are translated piece by piece into a buffer and the backend's own operation runs on
 * each piece. A Lloyd step's pieces are the chunks the backend sums over ({@link KMeansChunks#chunkRows}),
 * their partial sums added to the caller's in piece order at the end, so the sums are those of one call
 * on a translated copy and the caller's accumulators are untouched when a piece fails.
 */
final class TranslatedRows {
    private TranslatedRows() {
    }

    static double lloydStep(Backend backend, Matrix x, double[] shift, double[] sampleWeight, PreparedMatrix centers,
                            int[] labels, double[] distances, double[] sums, double[] counts, int threads) {
        BackendArgs.checkLloyd(x, sampleWeight, centers, labels, distances, sums, counts, threads);
        int n = x.rows();
        int d = x.cols();
        int k = centers.rows();
        int piece = KMeansChunks.chunkRows(n, k, d);
        int pieces = (n + piece - 1) / piece;
        double[] buffer = new double[Math.min(n, piece) * d];
        double[][] partialSums = new double[pieces][];
        double[][] partialCounts = new double[pieces][];
        double inertia = 0.0;
        for (int p = 0; p < pieces; p++) {
            int from = p * piece;
            int rows = Math.min(n, from + piece) - from;
            Matrix rowsMinusShift = translate(x, shift, from, rows, buffer);
            int[] lab = labels == null ? null : new int[rows];
            double[] dist = distances == null ? null : new double[rows];
            double[] w = sampleWeight == null ? null : java.util.Arrays.copyOfRange(sampleWeight, from, from + rows);
            partialSums[p] = sums == null ? null : new double[sums.length];
            partialCounts[p] = counts == null ? null : new double[counts.length];
            inertia += backend.lloydStep(rowsMinusShift, w, centers, lab, dist, partialSums[p], partialCounts[p],
                    threads);
            if (lab != null) {
                System.arraycopy(lab, 0, labels, from, rows);
            }
            if (dist != null) {
                System.arraycopy(dist, 0, distances, from, rows);
            }
        }
        if (pieces > 0 && sums != null) {
            KMeansChunks.addInChunkOrder(partialSums, sums);
        }
        if (pieces > 0 && counts != null) {
            KMeansChunks.addInChunkOrder(partialCounts, counts);
        }
        return inertia;
    }

    static double updateMinDistances(Backend backend, Matrix x, double[] shift, PreparedMatrix centers,
                                     double[] minDistances, int[] argmin, int argminBase, int threads) {
        BackendArgs.checkMinDistances(x, centers, minDistances, argmin, threads);
        int n = x.rows();
        int d = x.cols();
        int piece = KMeansChunks.MIN_CHUNK_ROWS;
        double[] buffer = new double[Math.min(n, piece) * d];
        double cost = 0.0;
        for (int from = 0; from < n; from += piece) {
            int rows = Math.min(n, from + piece) - from;
            Matrix rowsMinusShift = translate(x, shift, from, rows, buffer);
            double[] dist = java.util.Arrays.copyOfRange(minDistances, from, from + rows);
            int[] arg = argmin == null ? null : java.util.Arrays.copyOfRange(argmin, from, from + rows);
            cost += backend.updateMinDistances(rowsMinusShift, centers, dist, arg, argminBase, threads);
            System.arraycopy(dist, 0, minDistances, from, rows);
            if (arg != null) {
                System.arraycopy(arg, 0, argmin, from, rows);
            }
        }
        return cost;
    }

    /** Rows {@code [from, from + rows)} of {@code x} minus {@code shift}, into {@code buffer}, as a view of it. */
    private static Matrix translate(Matrix x, double[] shift, int from, int rows, double[] buffer) {
        double[] a = x.data();
        int d = x.cols();
        for (int i = 0; i < rows; i++) {
            int o = x.offset(from + i);
            int p = i * d;
            for (int j = 0; j < d; j++) {
                buffer[p + j] = a[o + j] - shift[j];
            }
        }
        return Matrix.wrap(buffer, buffer.length / Math.max(1, d), d).rowRange(0, rows);
    }
}
