package org.paraml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * Reads a numeric CSV file into a {@link Matrix}, as {@code np.loadtxt(file, delimiter=",")} reads one.
 *
 * <p><b>Format.</b> UTF-8 text (a leading byte-order mark is ignored), one row per line ({@code \n},
 * {@code \r\n} or {@code \r}), fields separated by commas, each field a number with optional whitespace
 * around it. A number is a decimal such as {@code 1}, {@code -2.5}, {@code .5}, {@code 3e-4}, or one of
 * {@code nan}, {@code inf}, {@code infinity} with an optional sign, in any case (as numpy and Python's
 * {@code float()} accept them); an empty field is an error (write {@code nan} for a missing value).
 * As with numpy's default {@code comments='#'}, text from a {@code #} to the end of its line is ignored,
 * and lines left blank are skipped, so the commented header {@code np.savetxt} writes is skipped too.
 * No quoting: fields are numbers.
 *
 * <p><b>Header.</b> The first non-blank, non-comment line is a header when asked ({@link Header#PRESENT})
 * or, with {@link Header#DETECT}, when at least half of its non-empty fields (and one or more) are not numbers;
 * a detected header must have as many fields as the data lines. A header is skipped;
 * a file holding only a header gives a {@code 0 × (number of header fields)} matrix.
 *
 * <p><b>Errors</b> raise {@link CsvFormatException} naming the file, the line and column (1-based) and
 * quoting what was found: a non-numeric value, an empty field, a row with a different number of fields
 * than the first data row, or a file with no lines of data at all.
 */
public final class Csv {
    /** Whether the first line of a CSV file is a header of column names. */
    public enum Header {
        /** Every line is data. */
        ABSENT,
        /** The first non-blank, non-comment line is a header, skipped whatever it holds. */
        PRESENT,
        /** The first non-blank, non-comment line is a header when at least half of its non-empty fields are not numbers. */
        DETECT
    }

    private static final String ALLOWED = "allowed: decimal numbers such as 1, -2.5, .5, 3e-4, and nan, inf, -inf";

    private Csv() {
    }

    /**
     * Reads {@code file}; {@code header} says whether its first line is a header to skip.
     *
     * @return a new {@code rows × columns} matrix, one row per data line
     */
    public static Matrix read(Path file, boolean header) throws IOException {
        return read(file, header ? Header.PRESENT : Header.ABSENT);
    }

    /**
     * Reads {@code file}, skipping a header as {@code header} says (or detects).
     *
     * @return a new {@code rows × columns} matrix, one row per data line
     */
    public static Matrix read(Path file, Header header) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, in, header);
        }
    }

    private static Matrix parse(Path file, BufferedReader in, Header header) throws IOException {
        double[] values = new double[1024];
        int size = 0;
        int cols = -1;
        long firstDataLine = 0;
        int headerFields = -1;
        boolean sawContent = false;
        long lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            String[] fields = split(line);
            if (!sawContent) {
                sawContent = true;
                if (header == Header.PRESENT || header == Header.DETECT && looksLikeHeader(fields)) {
                    headerFields = fields.length;
                    continue;
                }
            }
            if (cols < 0) {
                cols = fields.length;
                firstDataLine = lineNo;
                if (header == Header.DETECT && headerFields >= 0 && headerFields != cols) {
                    throw new CsvFormatException(file, lineNo, 0, "found " + cols + " field" + (cols == 1 ? "" : "s")
                            + ", but the header (the first line) has " + headerFields + ": a header names every column");
                }
            } else if (fields.length != cols) {
                throw new CsvFormatException(file, lineNo, 0, "found " + fields.length + " field"
                        + (fields.length == 1 ? "" : "s") + ", expected " + cols + " as in line " + firstDataLine
                        + " (the first data line): every row must have the same number of values");
            }
            if (size + cols > values.length) {
                long grown = Math.max((long) size + cols, (long) values.length * 3 / 2);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new CsvFormatException(file, lineNo, 0, "the file holds more values than one Java"
                            + " array can (" + (Integer.MAX_VALUE - 8) + "); convert it to .npy and read row"
                            + " ranges with Npy.openRows");
                }
                values = Arrays.copyOf(values, (int) grown);
            }
            for (int j = 0; j < cols; j++) {
                String f = fields[j];
                if (f.isEmpty()) {
                    throw new CsvFormatException(file, lineNo, j + 1, "empty field; every field must hold a"
                            + " number (write nan for a missing value)");
                }
                try {
                    values[size + j] = parseNumber(f);
                } catch (NumberFormatException e) {
                    String hint = lineNo == firstDataLine && header == Header.ABSENT
                            ? "; if the first line holds column names, read with a header" : "";
                    throw new CsvFormatException(file, lineNo, j + 1, "'" + abbreviate(f) + "' is not a number ("
                            + ALLOWED + ")" + hint);
                }
            }
            size += cols;
        }
        if (cols < 0) {
            if (headerFields >= 0) {
                return Matrix.zeros(0, headerFields);
            }
            throw new CsvFormatException(file, 0, 0, "no data: the file "
                    + (lineNo == 0 ? "is empty" : "holds only blank or comment lines")
                    + "; a CSV file needs at least one line of comma-separated numbers");
        }
        return Matrix.wrap(size == values.length ? values : Arrays.copyOf(values, size), size / cols, cols);
    }

    /** The fields of {@code line}, split at commas and stripped of surrounding whitespace. */
    private static String[] split(String line) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                n++;
            }
        }
        String[] out = new String[n];
        int start = 0;
        for (int k = 0; k < n; k++) {
            int end = k == n - 1 ? line.length() : line.indexOf(',', start);
            out[k] = line.substring(start, end).strip();
            start = end + 1;
        }
        return out;
    }

    /**
     * At least half of the non-empty fields are not numbers: column names. A data line with a typo in one
     * field ({@code 1.0,foo,2.0,3.0}) is not taken for a header, so it is reported instead of dropped.
     */
    private static boolean looksLikeHeader(String[] fields) {
        int names = 0;
        int nonEmpty = 0;
        for (String f : fields) {
            if (!f.isEmpty()) {
                nonEmpty++;
                if (!isNumber(f)) {
                    names++;
                }
            }
        }
        return names > 0 && 2 * names >= nonEmpty;
    }

    static boolean isNumber(String s) {
        try {
            parseNumber(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Parses one stripped field as numpy's {@code loadtxt} would: a decimal literal (correctly rounded), or
     * {@code nan}, {@code inf}, {@code infinity} with an optional sign, in any case. Rejects what Java's
     * {@link Double#parseDouble} alone would accept but numpy does not: hex floats, a {@code d} or
     * {@code f} suffix.
     */
    static double parseNumber(String s) {
        int i = 0;
        int n = s.length();
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            throw new NumberFormatException(s);
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                throw new NumberFormatException(s);
            }
        }
        if (i != n) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
