package org.paraml.selection;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local parallel searcher: {@code min(n_jobs, tasks)} worker threads take tasks in order from
 * a shared counter; all of them read the one copy of the data in the {@link SearchJob}.
 *
 * <p><b>Thread budget.</b> {@code n_jobs} threads in all: with {@code w} workers, worker {@code i}
 * gives each of its fits {@code n_jobs / w} kernel threads, plus one for the first
 * {@code n_jobs % w} workers, so search threads × kernel threads never exceed {@code n_jobs}; a
 * search with fewer tasks than {@code n_jobs} gives each task more kernel threads.
 *
 * <p>With one worker the tasks run on the calling thread. Cancellation (an interrupt of the
 * calling thread) stops the scheduling at once, interrupts the running fits and waits for the
 * workers to end, so that no thread outlives {@link #execute}. A fit that raises (error_score
 * 'raise') stops the scheduling too; the fits already running finish and are reported.
 */
public final class LocalExecutor implements SearchExecutor {
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
    private final int nJobs;

    /** @param nJobs scikit-learn's {@code n_jobs}: threads, or -1 for every processor (-2 all but one, …) */
    public LocalExecutor(int nJobs) {
        this.nJobs = NJobs.resolve(nJobs);
    }

    @Override
    public int parallelism() {
        return nJobs;
    }

    @Override
    public void execute(SearchJob job, List<FitTask> tasks, TaskSink sink) throws InterruptedException {
        int workers = Math.min(nJobs, tasks.size());
        if (workers == 0) {
            return;
        }
        if (workers == 1) {
            for (FitTask t : tasks) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("search cancelled");
                }
                sink.started(t);
                TaskResult r;
                try {
                    r = job.evaluate(t, nJobs);
                } catch (CancellationException e) {
                    Thread.interrupted();
                    throw (InterruptedException) new InterruptedException("search cancelled").initCause(e);
                }
                sink.finished(r);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[workers];
        int pool = POOL_NUMBER.incrementAndGet();
        for (int w = 0; w < workers; w++) {
            int kernelThreads = NJobs.kernelThreads(nJobs, workers, w);
            threads[w] = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        if (i >= tasks.size()) {
                            return;
                        }
                        FitTask t = tasks.get(i);
                        sink.started(t);
                        TaskResult r = job.evaluate(t, kernelThreads);
                        // reported even when another fit has stopped the search meanwhile: a finished
                        // fit's result reaches the journal, so a rerun does not fit it again
                        sink.finished(r);
                    }
                } catch (CancellationException e) {
                    if (!stop.get()) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            }, "paraml-search-" + pool + "-worker-" + w);
            threads[w].setDaemon(true);
        }
        for (Thread t : threads) {
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            for (Thread t : threads) {
                t.interrupt();
            }
            SearchExecutor.joinUninterruptibly(Arrays.asList(threads));
            throw e;
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a search task failed: " + f, f);
        }
    }

    @Override
    public String toString() {
        return "LocalExecutor(n_jobs=" + nJobs + ")";
    }
}
