package org.paraml.selection;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * A search running on its own thread ({@link GridSearchCV#start}): wait for it with
 * {@link #await()}, stop it with {@link #cancel()}.
 */
public final class SearchRun {
    private final Thread thread;
    private volatile SearchResult result;
    private volatile Throwable failure;
    private volatile boolean cancelled;

    private SearchRun(Callable<SearchResult> search, String name) {
        this.thread = new Thread(() -> {
            try {
                result = search.call();
            } catch (Throwable t) {
                failure = t;
            }
        }, name);
        thread.setDaemon(true);
    }

    static SearchRun start(Callable<SearchResult> search, String name) {
        SearchRun run = new SearchRun(search, name);
        run.thread.start();
        return run;
    }

    /**
     * Stops the search: no further fit starts, running fits are interrupted, and {@link #await()}
     * throws {@link CancellationException} once every search thread has ended. Finished fits stay
     * in the journal, if the search has one. Calling it again, or after the end, does nothing.
     */
    public void cancel() {
        if (thread.isAlive()) {
            cancelled = true;
            thread.interrupt();
        }
    }

    /** Whether the search has ended (finished, failed or cancelled). */
    public boolean isDone() {
        return !thread.isAlive();
    }

    /**
     * Waits for the end of the search.
     *
     * @return the result
     * @throws CancellationException if it was cancelled
     * @throws RuntimeException what the search threw
     * @throws InterruptedException if the waiting thread is interrupted (the search goes on)
     */
    public SearchResult await() throws InterruptedException {
        thread.join();
        Throwable f = failure;
        if (f == null) {
            return result;
        }
        if (cancelled && !(f instanceof CancellationException)) {
            CancellationException c = new CancellationException("search cancelled");
            c.initCause(f);
            throw c;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("the search failed: " + f, f);
    }
}
