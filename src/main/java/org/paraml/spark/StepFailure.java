package org.paraml.spark;

import java.io.Serializable;

/** The exception a block step threw on an executor, sent back as the block's result. */
final class StepFailure implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RuntimeException exception;

    StepFailure(RuntimeException exception) {
        this.exception = exception;
    }

    /** The exception, to throw in the fitting JVM. */
    RuntimeException rethrow() {
        return exception;
    }
}
