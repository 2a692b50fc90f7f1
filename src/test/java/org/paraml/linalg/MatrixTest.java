package org.paraml.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatrixTest {
    private static Matrix sample() {
        return Matrix.of(new double[][] {{0, 1, 2}, {10, 11, 12}, {20, 21, 22}, {30, 31, 32}});
    }

    @Test
    void rowMajorLayout() {
        Matrix m = sample();
        assertEquals(4, m.rows());
        assertEquals(3, m.cols());
        assertEquals(21, m.get(2, 1));
        assertEquals(7, m.offset(2) + 1);
        assertEquals(21, m.data()[m.offset(2) + 1]);
        assertArrayEquals(new double[] {1, 11, 21, 31}, m.column(1));
    }

    @Test
    void selectRowsIsAViewThatSharesData() {
        Matrix m = sample();
        Matrix v = m.selectRows(new int[] {3, 1, 1});
        assertSame(m.data(), v.data());
        assertFalse(v.isContiguous());
        assertArrayEquals(new double[] {30, 31, 32}, v.row(0));
        assertArrayEquals(new double[] {10, 11, 12}, v.row(2));
        v.set(1, 0, -1);
        assertEquals(-1, m.get(1, 0), "a write through a view is seen by the parent");
        Matrix vv = v.selectRows(new int[] {0});
        assertArrayEquals(new double[] {30, 31, 32}, vv.row(0), "views of views compose");
    }

    @Test
    void rowRangeOfContiguousAndOfViews() {
        Matrix m = sample();
        Matrix r = m.rowRange(1, 3);
        assertTrue(r.isContiguous());
        assertEquals(2, r.rows());
        assertEquals(3, r.offset(0));
        assertArrayEquals(new double[] {20, 21, 22}, r.row(1));
        Matrix r2 = m.selectRows(new int[] {3, 2, 0}).rowRange(1, 3);
        assertArrayEquals(new double[] {0, 1, 2}, r2.row(1));
        assertEquals(0, m.rowRange(2, 2).rows());
    }

    @Test
    void copyAndCompact() {
        Matrix m = sample();
        Matrix view = m.selectRows(new int[] {2, 0});
        Matrix c = view.compact();
        assertTrue(c.contentEquals(view));
        c.set(0, 0, 99);
        assertEquals(20, m.get(2, 0), "a copy shares nothing");
        assertSame(m, m.compact());
        assertTrue(m.rowRange(1, 2).compact().contentEquals(Matrix.of(new double[][] {{10, 11, 12}})));
    }

    @Test
    void badShapesAndIndicesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.wrap(new double[5], 2, 3));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(100_000, 100_000));
        Matrix m = sample();
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(4, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.selectRows(new int[] {0, -1}));
        assertThrows(IndexOutOfBoundsException.class, () -> m.rowRange(2, 5));
    }
}
