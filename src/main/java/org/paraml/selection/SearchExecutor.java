package org.paraml.selection;

import java.util.List;

/**
 * Runs the (candidate, fold) tasks of a search. The local implementation is
 * {@link LocalExecutor} (a bounded pool of threads sharing one copy of the data); a cluster
 * implementation ships the {@link SearchJob} once and the {@link FitTask}s (two integers each),
 * and sends back {@link TaskResult}s. Results are stored by index, so the order in which tasks
 * finish never changes the search's outcome.
 */
public interface SearchExecutor {
    /**
     * Evaluates every task with {@link SearchJob#evaluate(FitTask, int)} and hands each result to
     * {@code sink} as soon as it is known. Returns when every task has been reported.
     *
     * <p>Cancellation: when the calling thread is interrupted, the executor stops starting tasks,
     * interrupts or abandons the running ones (their results are not reported), waits until none of
     * its threads runs any more, and throws {@link InterruptedException}.
     *
     * @throws RuntimeException the first exception a task threw (with {@code error_score='raise'}),
     *         after the other tasks were stopped
     */
    void execute(SearchJob job, List<FitTask> tasks, TaskSink sink) throws InterruptedException;

    /** The total thread budget, for the refit and for messages (1 for a serial executor). */
    int parallelism();

    /**
     * Waits until every thread has ended, also when interrupted meanwhile (the interrupt status is set
     * again before returning): how an executor that was cancelled waits for its own threads, so that
     * none of them still runs when {@link #execute} throws.
     */
    static void joinUninterruptibly(Iterable<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
