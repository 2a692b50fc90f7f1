package org.paraml.selection;

import java.nio.file.Path;

/**
 * A search journal cannot be used: it belongs to another search or other data, it is corrupt, or
 * another process is writing it. The message names the file and what is wrong.
 */
public final class SearchJournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    SearchJournalException(Path file, String message, Throwable cause) {
        super("search journal " + file + ": " + message, cause);
        this.file = file;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }
}
