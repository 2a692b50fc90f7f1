package org.paraml.cli;

import java.io.IOException;

/** An input file named on the command line cannot be used; the message names the file and the problem. */
final class BadInputFileException extends IOException {
    private static final long serialVersionUID = 1L;

    BadInputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
