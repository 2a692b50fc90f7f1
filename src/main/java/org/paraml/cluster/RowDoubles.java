package org.paraml.cluster;

import java.util.Arrays;

/**
 * One double per row of a (possibly huge) dataset, indexed by global row: the k-means|| and k-means++
 * costs {@code d²(x, C)}. Stored in chunks of 2^20 values (8 MB, see {@link RowChunks}): a 10⁸-row store
 * is 800 MB, allocated in the old generation and never copied by the collector.
 */
final class RowDoubles extends RowChunks<double[]> {
    /** Every row's value {@code value}, the chunks made and filled on up to {@code threads} threads. */
    RowDoubles(long size, double value, int threads) {
        super(size, n -> {
            double[] chunk = new double[n];
            Arrays.fill(chunk, value);
            return chunk;
        }, threads);
    }

    double get(long row) {
        return chunk((int) (row >>> SHIFT))[(int) (row & (CHUNK - 1))];
    }
}
