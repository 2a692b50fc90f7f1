package org.paraml.data;

import java.nio.file.Path;

/**
 * A {@code .npy} file that is not one {@link Npy} can read: bad magic string, unsupported format
 * version, unparsable header, unsupported dtype, Fortran order, wrong number of dimensions, values
 * that do not fit the requested Java type, or fewer data bytes than the header promises. The
 * message names the file.
 */
public class NpyFormatException extends FileFormatException {
    private static final long serialVersionUID = 1L;

    /** {@code message} says what is wrong; it is prefixed with the file name. */
    public NpyFormatException(Path file, String message) {
        super(file, message);
    }
}
