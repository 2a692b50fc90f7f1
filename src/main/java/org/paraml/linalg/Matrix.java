package org.paraml.linalg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense row-major matrix of float64 values, or a view of some rows of one.
 *
 * <p>Element (i, j) lives at {@code data()[offset(i) + j]}: rows are contiguous runs of
 * {@link #cols()} doubles, which is what the kernels of {@code org.paraml.backend} read. A
 * <em>row view</em> ({@link #selectRows(int[])}, {@link #rowRange(int, int)}) shares the backing
 * array of its parent and only remaps row indices, so a cross-validation fold costs an
 * {@code int[]}, not a copy of the data.
 *
 * <p>Matrices are mutable through {@link #set(int, int, double)} (a write through a view is seen by
 * its parent, as in numpy). Estimators never write into the matrices they are given.
 */
public final class Matrix {
    private final double[] data;
    private final int rows;
    private final int cols;
    /** Start offset of each row in {@link #data}; null when row i starts at {@code base + i * cols}. */
    private final int[] rowStart;
    private final int base;

    private Matrix(double[] data, int rows, int cols, int base, int[] rowStart) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.base = base;
        this.rowStart = rowStart;
    }

    /** Wraps {@code data} (not copied) as a {@code rows × cols} row-major matrix. */
    public static Matrix wrap(double[] data, int rows, int cols) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("rows and cols must be >= 0, got " + rows + " x " + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " values, " + rows + " x " + cols
                    + " needs " + (long) rows * cols);
        }
        return new Matrix(data, rows, cols, 0, null);
    }

    /** A new {@code rows × cols} matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("rows and cols must be >= 0, got " + rows + " x " + cols);
        }
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " x " + cols + " = " + n
                    + " values exceed the largest Java array; use org.paraml.data.Blocks for data this large");
        }
        return new Matrix(new double[(int) n], rows, cols, 0, null);
    }

    /** Copies a rectangular {@code double[rows][cols]} into a new matrix. */
    public static Matrix of(double[][] values) {
        Objects.requireNonNull(values, "values");
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        Matrix m = zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            if (values[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length
                        + " values, row 0 has " + cols + ": rows must all have the same length");
            }
            System.arraycopy(values[i], 0, m.data, i * cols, cols);
        }
        return m;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** The backing array, shared with every view of it. Row i starts at {@link #offset(int)}. */
    public double[] data() {
        return data;
    }

    /** Index in {@link #data()} of element (i, 0). */
    public int offset(int i) {
        return rowStart == null ? base + i * cols : rowStart[i];
    }

    /**
     * True when the rows lie back to back from {@code offset(0)}, so the whole matrix is the run
     * {@code data()[offset(0) .. offset(0) + rows*cols)}.
     */
    public boolean isContiguous() {
        return rowStart == null;
    }

    /** Element (i, j); throws {@link IndexOutOfBoundsException} when i or j is outside the matrix. */
    public double get(int i, int j) {
        return data[offset(checkRow(i)) + checkCol(j)];
    }

    /**
     * Sets element (i, j) in the backing array, so a view's parent sees the change; indices are checked as by
     * {@link #get(int, int)}.
     */
    public void set(int i, int j, double value) {
        data[offset(checkRow(i)) + checkCol(j)] = value;
    }

    /** A copy of row i. */
    public double[] row(int i) {
        int o = offset(checkRow(i));
        return Arrays.copyOfRange(data, o, o + cols);
    }

    /** A copy of column j. */
    public double[] column(int j) {
        checkCol(j);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[offset(i) + j];
        }
        return out;
    }

    /** A view of rows {@code indices[0], indices[1], ...} (repeats allowed); shares the data. */
    public Matrix selectRows(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        int[] starts = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            starts[k] = offset(checkRow(indices[k]));
        }
        return new Matrix(data, indices.length, cols, 0, starts);
    }

    /** A view of rows {@code from} (inclusive) to {@code to} (exclusive); shares the data. */
    public Matrix rowRange(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("row range [" + from + ", " + to + ") is outside [0, " + rows + ")");
        }
        if (rowStart == null) {
            return new Matrix(data, to - from, cols, base + from * cols, null);
        }
        return new Matrix(data, to - from, cols, 0, Arrays.copyOfRange(rowStart, from, to));
    }

    /** A compact copy: contiguous, starting at offset 0, sharing nothing with this matrix. */
    public Matrix copy() {
        Matrix m = zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, offset(i), m.data, i * cols, cols);
        }
        return m;
    }

    /** This matrix if it is compact (contiguous from offset 0 and covering its array), else {@link #copy()}. */
    public Matrix compact() {
        return rowStart == null && base == 0 && data.length == rows * cols ? this : copy();
    }

    /** A copy as {@code double[rows][cols]}. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** Elementwise equality of shape and values (views compare by content). */
    public boolean contentEquals(Matrix other) {
        if (other == null || other.rows != rows || other.cols != cols) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            if (!Arrays.equals(data, offset(i), offset(i) + cols, other.data, other.offset(i), other.offset(i) + cols)) {
                return false;
            }
        }
        return true;
    }

    private int checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " is outside [0, " + rows + ")");
        }
        return i;
    }

    private int checkCol(int j) {
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " is outside [0, " + cols + ")");
        }
        return j;
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + " x " + cols + (rowStart == null ? "" : ", view") + "]";
    }
}
