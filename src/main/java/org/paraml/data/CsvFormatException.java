package org.paraml.data;

import java.nio.file.Path;

/**
 * A CSV file that is not a table of numbers: a value that is not a number, a row with a different
 * number of fields than the first, an empty field, or no data at all. The message names the file,
 * the line and the column (both 1-based) and quotes what was found.
 */
public class CsvFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    /** The 1-based line of the error, 0 when it concerns no single line. */
    private final long line;
    /** The 1-based column (field) of the error, 0 when it concerns a whole line. */
    private final int column;

    /**
     * @param line   the 1-based line number in the file, or 0 when the error is not about one line
     * @param column the 1-based field number in that line, or 0 when the error is about a whole line
     */
    public CsvFormatException(Path file, long line, int column, String message) {
        super(file, (line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " : "") + message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the error, 0 when it concerns no single line (an empty file). */
    public long line() {
        return line;
    }

    /** The 1-based column (field) of the error, 0 when it concerns a whole line. */
    public int column() {
        return column;
    }
}
