package org.paraml.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * Reads and writes numpy's {@code .npy} files, so arrays pass between ParaML and
 * {@code np.save} / {@code np.load} unchanged.
 *
 * <p><b>Format</b> (numpy's {@code numpy.lib.format}): a magic string, a version (1.0, 2.0 and 3.0 are
 * read; 1.0 is written, as {@code np.save} does), a Python-dict header giving the dtype, the memory order
 * and the shape (see {@link NpyHeader}), then the raw elements. Read: dtypes {@code <f8 <f4 <i8 <i4 |b1}
 * and their big-endian variants ({@link NpyDtype}), 1-D and 2-D arrays in C (row-major) order. Not read,
 * with an error saying so: Fortran order (save {@code np.ascontiguousarray(a)} instead), 0-D and
 * 3-D-or-more arrays, other dtypes (complex, strings, objects, structured).
 *
 * <p><b>Errors.</b> A file whose content is at fault raises {@link NpyFormatException} (an
 * {@link IOException}) naming the file, what is wrong and what is allowed; see
 * {@link FileFormatException} for the whole scheme.
 *
 * <p><b>Writes</b> are atomic (a temporary file in the same folder, renamed when complete; see
 * {@link NpyWriter}) and produce the bytes {@code np.save} would.
 *
 * <p><b>Large files.</b> The {@code read*} methods load the whole array into one Java array; for files
 * larger than that (or than RAM) use {@link #openRows(Path)}, which reads row ranges with bounded
 * memory, and {@link NpyWriter} to write block by block.
 */
public final class Npy {
    private Npy() {
    }

    /**
     * Writes {@code x} (any matrix or view) as a 2-D float64 ({@code <f8}) array of shape
     * {@code (x.rows(), x.cols())}, replacing {@code file} atomically.
     */
    public static void write(Path file, Matrix x) throws IOException {
        Objects.requireNonNull(x, "x");
        try (NpyWriter w = NpyWriter.float64(file, x.rows(), x.cols())) {
            w.writeRows(x);
        }
    }

    /**
     * Writes {@code y} as a 1-D int64 ({@code <i8}) array, numpy's default integer on Linux: what
     * {@code np.load} returns for labels made by scikit-learn. Replaces {@code file} atomically.
     */
    public static void write(Path file, int[] y) throws IOException {
        Objects.requireNonNull(y, "y");
        try (NpyWriter w = NpyWriter.int64(file, y.length)) {
            w.writeInts(y);
        }
    }

    /** Writes {@code v} as a 1-D float64 ({@code <f8}) array, replacing {@code file} atomically. */
    public static void write(Path file, double[] v) throws IOException {
        Objects.requireNonNull(v, "v");
        try (NpyWriter w = NpyWriter.float64(file, v.length)) {
            w.writeDoubles(v);
        }
    }

    /**
     * Reads the header of {@code file} (nothing after it): dtype, shape, order and data offset. Succeeds
     * for Fortran-order files and for any number of dimensions, which the other readers refuse.
     *
     * @throws NpyFormatException for a bad magic string, an unsupported version or dtype, an unparsable or
     *                            truncated header
     */
    public static NpyHeader header(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = openForReading(file)) {
            return NpyHeader.read(ch, file);
        }
    }

    /**
     * Reads a 2-D array as a {@code rows × cols} matrix, or a 1-D array of length n as {@code n × 1};
     * every supported dtype is converted to float64 (int64 beyond 2^53 rounds, bool is 0 or 1).
     *
     * @throws NpyFormatException for a file that is not a readable 1-D or 2-D C-order array, has fewer
     *                            data bytes than its shape needs, or more values than one Java array holds
     */
    public static Matrix readMatrix(Path file) throws IOException {
        try (NpyRowReader r = openRows(file)) {
            checkFitsArray(file, r.header());
            return r.readRows(0, r.rows());
        }
    }

    /**
     * Reads a 1-D array as doubles; every supported dtype is converted to float64.
     *
     * @throws NpyFormatException for a file that is not a readable 1-D C-order array or is truncated
     */
    public static double[] readDoubles(Path file) throws IOException {
        try (NpyRowReader r = openVector(file)) {
            double[] out = new double[r.rows()];
            r.readRows(0, r.rows(), out);
            return out;
        }
    }

    /**
     * Reads a 1-D array of integer labels: int64, int32 or bool (as 0/1), or a float dtype whose every
     * value is an integer (as {@code y.astype(float)} gives).
     *
     * @throws NpyFormatException for a file that is not a readable 1-D C-order array, a value that does not
     *                            fit in an int, a float value that is not an integer (or NaN), or a truncated
     *                            file
     */
    public static int[] readInts(Path file) throws IOException {
        try (NpyRowReader r = openVector(file)) {
            int[] out = new int[r.rows()];
            NpyDtype dtype = r.header().dtype();
            r.readElements(0, out.length, (window, first, count) ->
                    NpyDecode.toInts(window, dtype, out, (int) first, count, file));
            return out;
        }
    }

    /**
     * Opens a 2-D (or 1-D, as one column) C-order file for reading ranges of rows with bounded memory; see
     * {@link NpyRowReader}. The caller closes it.
     *
     * @throws NpyFormatException for a file that is not a readable 1-D or 2-D C-order array, or has fewer
     *                            data bytes than its shape needs
     */
    public static NpyRowReader openRows(Path file) throws IOException {
        return NpyRowReader.open(file);
    }

    /**
     * Opens {@code file} for reading. A file this user may not read fails with an
     * {@link AccessDeniedException} whose message says so: the JDK's names the bare path only.
     */
    static FileChannel openForReading(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw permissionDenied(file, e);
        }
    }

    /** {@code e} for {@code fileOrFolder} again, with the reason in its message. */
    static AccessDeniedException permissionDenied(Path fileOrFolder, AccessDeniedException e) {
        if (e.getReason() != null) {
            return e;
        }
        AccessDeniedException named = new AccessDeniedException(fileOrFolder.toString(), null,
                "permission denied: this user may not read it (check its permissions and its folder's)");
        named.initCause(e);
        return named;
    }

    private static NpyRowReader openVector(Path file) throws IOException {
        NpyRowReader r = openRows(file);
        if (r.header().ndim() != 1) {
            r.close();
            throw new NpyFormatException(file, "expected a 1-D array, found a 2-D array of shape "
                    + r.header().shapeString() + "; read it with Npy.readMatrix, or save y.ravel()");
        }
        checkFitsArray(file, r.header());
        return r;
    }

    private static void checkFitsArray(Path file, NpyHeader h) throws NpyFormatException {
        if (h.elementCount() > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(file, "shape " + h.shapeString() + " holds " + h.elementCount()
                    + " values, more than one Java array holds; read it in row ranges with Npy.openRows");
        }
    }

    /** Throws unless {@code h} describes a C-order array of {@code minDims} to {@code maxDims} dimensions. */
    static void checkReadable(Path file, NpyHeader h, int minDims, int maxDims) throws NpyFormatException {
        if (h.fortranOrder()) {
            throw new NpyFormatException(file, "the array of shape " + h.shapeString() + " is stored in Fortran"
                    + " (column-major) order, which is not supported; only C (row-major) order is: save"
                    + " np.ascontiguousarray(a) instead");
        }
        if (h.ndim() < minDims || h.ndim() > maxDims) {
            throw new NpyFormatException(file, "the array is " + h.ndim() + "-D (shape " + h.shapeString()
                    + "); only 1-D and 2-D arrays are supported");
        }
    }
}
