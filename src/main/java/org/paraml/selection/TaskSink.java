package org.paraml.selection;

/**
 * Where a {@link SearchExecutor} reports tasks. Calls may come from several threads at once; the
 * search's own sink serialises them.
 */
public interface TaskSink {
    /** Called just before a task's fit starts (used for scikit-learn's verbose > 9 START lines). */
    default void started(FitTask task) {
    }

    /** Called once per finished task, as soon as it finishes. */
    void finished(TaskResult result);
}
