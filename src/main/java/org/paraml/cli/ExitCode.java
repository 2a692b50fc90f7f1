package org.paraml.cli;

/**
 * The exit statuses of every {@code paraml} command. They are part of the command line's contract
 * (documented in README.md and in {@code paraml --help}).
 */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed while running: an I/O error, a failed fit, an internal error. */
    public static final int FAILURE = 1;
    /** The command line was wrong: an unknown option, a missing or invalid option or parameter value. */
    public static final int USAGE = 2;
    /** An input file could not be used: missing, unreadable, corrupt or of the wrong shape or type. */
    public static final int BAD_INPUT = 3;

    private ExitCode() {
    }
}
