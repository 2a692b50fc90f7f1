package org.paraml.cluster;

import java.util.Arrays;

/**
 * One double per row of a (possibly huge) dataset, indexed by global row: the k-means|| and k-means++
 * costs {@code d²(x, C)}. Stored in chunks of 32768 values (256 KiB), so that a 10⁸-row store is 800 MB
 * of ordinary heap arrays that never count as humongous objects, whatever the block size.
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
