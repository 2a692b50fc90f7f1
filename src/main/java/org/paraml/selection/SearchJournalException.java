package org.paraml.selection;

import java.nio.file.Path;

/**
 * A search journal cannot be used: it belongs to another search or other data, it is corrupt, or
 * another process is writing it; or writing a result to it failed ({@link #writeFailed()}: the
 * journal itself was fine). The message names the file and what is wrong.
 */
public final class SearchJournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    /** True when appending to (or closing) a usable journal failed. */
    private final boolean writeFailed;

    SearchJournalException(Path file, String message, Throwable cause) {
        this(file, message, cause, false);
    }

    SearchJournalException(Path file, String message, Throwable cause, boolean writeFailed) {
        super("search journal " + file + ": " + message, cause);
        this.file = file;
        this.writeFailed = writeFailed;
    }

    /** True when appending to (or closing) a usable journal failed, e.g. on a full disk. */
    public boolean writeFailed() {
        return writeFailed;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }
}
