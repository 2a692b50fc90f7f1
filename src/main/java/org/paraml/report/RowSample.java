package org.paraml.report;

import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/** A deterministic sample of the rows of blocks: evenly spaced over all of them, so every block has its share. */
public final class RowSample {
    private RowSample() {
    }

    /**
     * The rows {@code floor(i · N / n)} for {@code i = 0 … n−1} of the {@code N} rows of {@code blocks}
     * (all of them when {@code N ≤ n}), as a new matrix; reads only those rows where the blocks allow it.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Matrix evenly(Blocks blocks, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the sample needs at least 1 row, got " + n);
        }
        long total = blocks.rows();
        int size = (int) Math.min(n, total);
        long[] rows = new long[size];
        long q = total / size;
        long r = total % size;
        for (int i = 0; i < size; i++) {
            rows[i] = i * q + i * r / size; // floor(i * total / size) without overflow: r < size <= 2^31
        }
        return blocks.gatherRows(rows, 1);
    }
}
