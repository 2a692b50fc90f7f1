package org.paraml.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file whose content cannot be read as asked: its message names the file, says what is
 * wrong and what is allowed. The subclasses say which format ({@link NpyFormatException},
 * {@link CsvFormatException}).
 *
 * <p>The error scheme of {@code org.paraml.data} I/O: a problem with the <em>content of a file</em>
 * is a {@code FileFormatException} (checked, as every {@link IOException}); a problem with the
 * <em>arguments of a call</em> (a row range outside the file, a buffer too small) is an unchecked
 * {@link IndexOutOfBoundsException} or {@link IllegalArgumentException} whose message also names the
 * file; an operating-system failure is the plain {@link IOException} the JDK raised.
 */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** {@code message} is prefixed with the file name. */
    public FileFormatException(Path file, String message) {
        super(Objects.requireNonNull(file, "file") + ": " + message);
        this.file = file;
    }

    /** The file whose content is at fault. */
    public Path file() {
        return file;
    }
}
