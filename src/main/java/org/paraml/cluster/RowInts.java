package org.paraml.cluster;

import java.util.Arrays;

/**
 * One int per row of a (possibly huge) dataset, indexed by global row: during k-means|| seeding, the
 * index of each row's nearest candidate so far (4 bytes per row; a 10⁸-row store is 400 MB in chunks
 * of 4 MB, see {@link RowChunks}). Kept only while the seeding runs.
 */
final class RowInts extends RowChunks<int[]> {
    RowInts(long size) {
        super(size, int[]::new);
    }

    void fill(int v) {
        for (int i = 0; i < chunkCount(); i++) {
            Arrays.fill(chunk(i), v);
        }
    }
}
