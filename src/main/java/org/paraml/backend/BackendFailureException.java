package org.paraml.backend;

/**
 * A backend could not complete an operation for a reason that is not its arguments: a GPU ran out
 * of memory, a device call returned an error, the device was lost. The same operation can be
 * retried on another backend; {@link FallbackBackend} does so.
 *
 * <p>What a failed operation leaves behind: outputs that it overwrites ({@code out} of the kernel
 * operations, {@code labels} and {@code distances} of {@link Backend#lloydStep}) may be partly
 * written; accumulators it adds to ({@code sums}, {@code counts}) are untouched; and
 * {@link Backend#updateMinDistances} may have lowered some {@code minDistances} (and set their
 * {@code argmin}) to their correct new values. So repeating the operation on another backend gives
 * the complete result.
 */
public class BackendFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The {@link Backend#name()} of the backend that failed. */
    private final String backend;
    /** True when the failure was running out of (device) memory. */
    private final boolean outOfMemory;

    /**
     * @param backend     the {@link Backend#name()} of the backend that failed
     * @param outOfMemory true when the failure was running out of (device) memory
     * @param message     one line: what failed and, where known, what would help
     * @param cause       the underlying error, or null
     */
    public BackendFailureException(String backend, boolean outOfMemory, String message, Throwable cause) {
        super(message, cause);
        this.backend = backend;
        this.outOfMemory = outOfMemory;
    }

    /** The name of the backend that failed, e.g. "cuda". */
    public String backend() {
        return backend;
    }

    /** True when the backend ran out of memory (a smaller problem, or another backend, may succeed). */
    public boolean outOfMemory() {
        return outOfMemory;
    }
}
