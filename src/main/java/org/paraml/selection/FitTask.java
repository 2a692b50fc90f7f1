package org.paraml.selection;

/**
 * One unit of a search: fit candidate {@code candidate} on the training rows of split
 * {@code fold} and score it on the test rows. Two integers describe it completely (given the
 * {@link SearchJob}), so a task can be sent to another machine and its result sent back.
 *
 * @param candidate index into the search's candidate list
 * @param fold index into the search's splits
 */
public record FitTask(int candidate, int fold) {
    /** Checks that both indices are {@code >= 0}. */
    public FitTask {
        if (candidate < 0 || fold < 0) {
            throw new IllegalArgumentException("task indices must be >= 0, got (" + candidate + ", " + fold + ")");
        }
    }
}
