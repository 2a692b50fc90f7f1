package org.paraml.cluster;

import java.util.Arrays;

/**
 * One double per row of a (possibly huge) dataset, indexed by global row: the k-means|| and k-means++
 * costs {@code d²(x, C)}. Stored in chunks of 2^20 values (8 MB, see {@link RowChunks}): a 10⁸-row store
 * is 800 MB, allocated in the old generation and never copied by the collector.
 */
final class RowDoubles extends RowChunks<double[]> {
    RowDoubles(long size) {
        super(size, double[]::new);
    }

    double get(long row) {
        return chunk((int) (row >>> SHIFT))[(int) (row & (CHUNK - 1))];
    }

    void fill(double v) {
        for (int i = 0; i < chunkCount(); i++) {
            Arrays.fill(chunk(i), v);
        }
    }
}
