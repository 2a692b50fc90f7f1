package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

class RowSampleTest {
    /** Row i holds i. */
    private static Blocks numbered(int rows, int blockRows) {
        Matrix x = Matrix.zeros(rows, 2);
        for (int i = 0; i < rows; i++) {
            x.set(i, 0, i);
            x.set(i, 1, -i);
        }
        return Blocks.of(x, blockRows);
    }

    @Test
    void takesEvenlySpacedRowsAcrossBlocks() {
        try (Blocks b = numbered(10, 3)) {
            Matrix s = RowSample.evenly(b, 4);
            assertArrayEquals(new double[] {0, 2, 5, 7}, s.column(0), 0); // floor(i * 10 / 4)
            assertArrayEquals(new double[] {0, -2, -5, -7}, s.column(1), 0);
        }
    }

    @Test
    void takesEveryRowWhenThereAreFew() {
        try (Blocks b = numbered(5, 2)) {
            assertArrayEquals(new double[] {0, 1, 2, 3, 4}, RowSample.evenly(b, 2000).column(0), 0);
        }
    }

    @Test
    void isTheSameEveryTime() {
        try (Blocks b = numbered(1001, 100)) {
            Matrix s = RowSample.evenly(b, 7);
            assertEquals(7, s.rows());
            assertArrayEquals(s.column(0), RowSample.evenly(b, 7).column(0), 0);
            assertArrayEquals(new double[] {0, 143, 286, 429, 572, 715, 858}, s.column(0), 0);
        }
    }

    @Test
    void needsAtLeastOneRow() {
        try (Blocks b = numbered(3, 3)) {
            assertThrows(IllegalArgumentException.class, () -> RowSample.evenly(b, 0));
        }
    }
}
