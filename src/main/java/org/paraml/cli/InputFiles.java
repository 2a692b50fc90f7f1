package org.paraml.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.paraml.data.Csv;
import org.paraml.data.Npy;
import org.paraml.data.NpyHeader;
import org.paraml.linalg.Matrix;

/** Reads the data files named by options, turning every problem into an error that names the option and file. */
final class InputFiles {
    private InputFiles() {
    }

    /** A matrix from a .npy file, or a .csv file (header auto-detected). */
    static Matrix readMatrix(Path file, String option) throws IOException {
        requireFile(file, option);
        try {
            return isCsv(file) ? Csv.read(file, Csv.Header.DETECT) : Npy.readMatrix(file);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(option, file, e);
        }
    }

    /**
     * The data X of an estimator from a .npy or .csv file ({@link #readMatrix}); a .npy file must hold a 2-D
     * array, as scikit-learn's estimators require of X.
     */
    static Matrix readData(Path file, String option) throws IOException {
        requireFile(file, option);
        if (!isCsv(file)) {
            requireTwoDimensional(file, option);
        }
        return readMatrix(file, option);
    }

    /**
     * Refuses a .npy file whose array is not 2-D (n_samples × n_features): scikit-learn raises on 1-D X rather
     * than guess whether it holds one feature or one sample, and so does the command line (the library's
     * {@link Npy#readMatrix} still reads 1-D arrays as one column).
     */
    static void requireTwoDimensional(Path file, String option) throws IOException {
        NpyHeader h;
        try {
            h = Npy.header(file);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(option, file, e);
        }
        if (h.ndim() != 2) {
            throw new BadInputFileException("option '" + option + "': " + file + " holds a " + h.ndim()
                    + "-D array of shape " + h.shapeString() + "; the data must be a 2-D array (n_samples, n_features)."
                    + " Reshape it with array.reshape(-1, 1) if it has a single feature or array.reshape(1, -1) if it"
                    + " holds a single sample", null);
        }
    }

    /** Integer labels from a .npy file, or a one-column .csv file. */
    static int[] readLabels(Path file, String option) throws IOException {
        requireFile(file, option);
        try {
            if (isCsv(file)) {
                Matrix m = Csv.read(file, Csv.Header.DETECT);
                if (m.cols() != 1) {
                    throw new IllegalArgumentException("labels must be one column, found " + m.cols());
                }
                int[] y = new int[m.rows()];
                for (int i = 0; i < y.length; i++) {
                    double v = m.get(i, 0);
                    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("label on row " + (i + 1) + " is " + v + ", not an integer");
                    }
                    y[i] = (int) v;
                }
                return y;
            }
            return Npy.readInts(file);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(option, file, e);
        }
    }

    private static void requireFile(Path file, String option) throws IOException {
        if (!Files.exists(file)) {
            throw new BadInputFileException("option '" + option + "': no such file: " + file, new NoSuchFileException(file.toString()));
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputFileException("option '" + option + "': " + file + " is not a readable file", null);
        }
    }

    private static boolean isCsv(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".txt");
    }

    private static BadInputFileException bad(String option, Path file, Exception e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        // Library messages usually name the file already; name it once.
        String where = msg.contains(file.toString()) ? "" : file + ": ";
        return new BadInputFileException("option '" + option + "': " + where + msg, e);
    }
}
