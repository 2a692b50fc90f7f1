package org.paraml.backend;

import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * The argument checks every {@link Backend} makes at its boundary, in one place so that all
 * backends reject bad input with the same messages. Used by backend implementations.
 */
public final class BackendArgs {
    private BackendArgs() {
    }

    /** Throws unless {@code threads >= 1}. */
    public static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Throws unless {@code p} was prepared by {@code backend}; returns it. */
    public static PreparedMatrix checkOwner(PreparedMatrix p, Backend backend, String name) {
        Objects.requireNonNull(p, name);
        if (!backend.name().equals(p.backendName())) {
            throw new IllegalArgumentException(name + " was prepared by the " + p.backendName() + " backend; the "
                    + backend.name() + " backend needs a matrix from its own prepare(Matrix)");
        }
        return p;
    }

    /** Checks the arguments of {@link Backend#kernelRows}; {@code outLength} is the output array's length. */
    public static void checkKernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len,
                                       int outLength, int outOffset, int outStride, int threads) {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(rows, "rows");
        checkThreads(threads);
        int n = x.rows();
        if (len < 0 || len > n) {
            throw new IllegalArgumentException("len must be in [0, " + n + "] (the rows of x), got " + len);
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= n) {
                throw new IndexOutOfBoundsException("rows[" + r + "] = " + rows[r] + " is outside [0, " + n + ")");
            }
        }
        if (outOffset < 0) {
            throw new IllegalArgumentException("outOffset must be >= 0, got " + outOffset);
        }
        if (rows.length > 1 && outStride < len) {
            throw new IllegalArgumentException("outStride must be >= len = " + len + ", got " + outStride);
        }
        long need = rows.length == 0 ? 0 : outOffset + (long) (rows.length - 1) * outStride + len;
        if (need > outLength) {
            throw new IllegalArgumentException("out has " + outLength + " elements but " + rows.length + " rows of "
                    + len + " at offset " + outOffset + " with stride " + outStride + " need " + need);
        }
    }

    /** Throws unless {@code 0 <= from <= len}. */
    public static void checkColumnRange(int from, int len) {
        if (from < 0 || from > len) {
            throw new IllegalArgumentException("from must be in [0, len = " + len + "], got " + from);
        }
    }

    /** Checks the arguments of {@link Backend#kernelBlock}. */
    public static void checkKernelBlock(KernelSpec kernel, PreparedMatrix a, PreparedMatrix b, double[] out,
                                        int outOffset, int threads) {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(out, "out");
        checkThreads(threads);
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException("a has " + a.cols() + " columns but b has " + b.cols()
                    + ": a kernel block needs rows of the same length");
        }
        if (outOffset < 0) {
            throw new IllegalArgumentException("outOffset must be >= 0, got " + outOffset);
        }
        long need = outOffset + (long) a.rows() * b.rows();
        if (need > out.length) {
            throw new IllegalArgumentException("out has " + out.length + " elements but a " + a.rows() + " x "
                    + b.rows() + " block at offset " + outOffset + " needs " + need);
        }
    }

    /** Checks the arguments of {@link Backend#lloydStep}. */
    public static void checkLloyd(Matrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                                  double[] distances, double[] sums, double[] counts, int threads) {
        Objects.requireNonNull(x, "x");
        checkThreads(threads);
        checkCenters(x, centers);
        int n = x.rows();
        int k = centers.rows();
        checkLength(sampleWeight, n, "sampleWeight");
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("labels has length " + labels.length + " but x has " + n + " rows");
        }
        checkLength(distances, n, "distances");
        checkLength(sums, (long) k * x.cols(), "sums (k x d = " + k + " x " + x.cols() + ")");
        checkLength(counts, k, "counts (k)");
    }

    /** Checks a translation of the rows of {@code x}: {@code x.cols()} values. */
    public static void checkShift(Matrix x, double[] shift) {
        Objects.requireNonNull(x, "x");
        if (shift != null && shift.length != x.cols()) {
            throw new IllegalArgumentException("shift has length " + shift.length + " but x has " + x.cols()
                    + " columns");
        }
    }

    /** Checks the arguments of {@link Backend#updateMinDistances}. */
    public static void checkMinDistances(Matrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                         int threads) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(minDistances, "minDistances");
        checkThreads(threads);
        checkCenters(x, centers);
        checkLength(minDistances, x.rows(), "minDistances");
        if (argmin != null && argmin.length != x.rows()) {
            throw new IllegalArgumentException("argmin has length " + argmin.length + " but x has " + x.rows()
                    + " rows");
        }
    }

    /**
     * The arguments of the row-range form of {@code updateMinDistances}: {@code 0 <= from <= to <= x.rows()},
     * centres with x's columns, and the per-row arrays at least {@code to} long.
     */
    public static void checkRowRange(Matrix x, int from, int to, PreparedMatrix centers, double[] minDistances,
                                     int[] argmin) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(minDistances, "minDistances");
        checkCenters(x, centers);
        if (from < 0 || from > to || to > x.rows()) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within the " + x.rows()
                    + " rows of x: they must satisfy 0 <= from <= to <= rows");
        }
        if (minDistances.length < to || argmin != null && argmin.length < to) {
            throw new IllegalArgumentException("minDistances and argmin must hold at least " + to + " entries (rows ["
                    + from + ", " + to + ")), got " + minDistances.length
                    + (argmin == null ? "" : " and " + argmin.length));
        }
    }

    private static void checkCenters(Matrix x, PreparedMatrix centers) {
        Objects.requireNonNull(centers, "centers");
        if (centers.cols() != x.cols()) {
            throw new IllegalArgumentException("centers have " + centers.cols() + " columns but x has " + x.cols()
                    + ": they must have the same number of features");
        }
        if (centers.rows() < 1) {
            throw new IllegalArgumentException("centers must have at least 1 row, got 0");
        }
    }

    private static void checkLength(double[] a, long expected, String name) {
        if (a != null && a.length != expected) {
            throw new IllegalArgumentException(name + " has length " + a.length + " but must have length " + expected);
        }
    }
}
