package org.paraml.spark;

import java.io.Serializable;
import org.paraml.selection.TaskResult;

/**
 * A {@link TaskResult} on its way back from an executor, or the exception a task raised with
 * {@code error_score='raise'} (sent back as a value, so that Spark does not retry a fit that fails the
 * same way every time).
 */
final class RemoteResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int candidate;
    private final int fold;
    private final double testScore;
    private final double trainScore;
    private final double fitTime;
    private final double scoreTime;
    private final int nTestSamples;
    private final String fitError;
    private final String scoreError;
    private final Throwable raised;

    private RemoteResult(TaskResult r, int candidate, int fold, Throwable raised) {
        this.candidate = candidate;
        this.fold = fold;
        this.testScore = r == null ? Double.NaN : r.testScore();
        this.trainScore = r == null ? Double.NaN : r.trainScore();
        this.fitTime = r == null ? 0 : r.fitTime();
        this.scoreTime = r == null ? 0 : r.scoreTime();
        this.nTestSamples = r == null ? 0 : r.nTestSamples();
        this.fitError = r == null ? null : r.fitError();
        this.scoreError = r == null ? null : r.scoreError();
        this.raised = raised;
    }

    static RemoteResult of(TaskResult r) {
        return new RemoteResult(r, r.candidate(), r.fold(), null);
    }

    static RemoteResult raised(int candidate, int fold, Throwable t) {
        return new RemoteResult(null, candidate, fold, t);
    }

    /** The exception the task raised, or null. */
    Throwable raised() {
        return raised;
    }

    /** The task result (when nothing was raised). */
    TaskResult toTaskResult() {
        return new TaskResult(candidate, fold, testScore, trainScore, fitTime, scoreTime, nTestSamples, fitError,
                scoreError);
    }
}
