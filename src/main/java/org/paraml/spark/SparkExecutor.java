package org.paraml.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.paraml.selection.FitTask;
import org.paraml.selection.SearchExecutor;
import org.paraml.selection.SearchJob;
import org.paraml.selection.TaskResult;
import org.paraml.selection.TaskSink;

/**
 * Runs a search's fits on a Spark cluster: {@code GridSearchCV(...).executor(new SparkExecutor(sc))}, the
 * JVM counterpart of Dask-ML's {@code joblib.parallel_backend("dask", scatter=[X, y])}.
 *
 * <ul>
 *   <li><b>Broadcast once.</b> X, y, the splits, the candidates, the estimator (class name + parameters, not
 *       a serialized object) and the scorer (by name) are one {@link SearchPayload}, broadcast once per
 *       search; every executor JVM reads it once and shares it between its tasks.</li>
 *   <li><b>Tasks.</b> A Spark task is a group of (candidate, fold) pairs, two ints each: by default the fits of
 *       one fold that share a kernel matrix (all the {@code C} of one kernel), so that a kernel cache shared
 *       within the executor serves them all ({@link #shareKernels}); {@link #maxGroupSize} bounds a group.</li>
 *   <li><b>Streaming.</b> Each group is one Spark job, started from a small pool of driver threads
 *       ({@link #maxJobsInFlight}, by default twice the cluster's cores): a group's results reach the
 *       search (its journal, its progress listener, its verbose lines) as soon as its job ends, in whatever
 *       order groups finish. Results are stored by index, so cv_results equal the local searcher's.</li>
 *   <li><b>Failures.</b> A lost executor's tasks are run again elsewhere by Spark (task retry, and the
 *       standalone master starts a new executor); fits are deterministic, so a retried group gives the same
 *       results. A fit that fails is {@code error_score}, as locally; with {@code error_score='raise'} its
 *       exception comes back as a value (Spark does not retry it) and ends the search. A Spark job that fails
 *       (every retry of a task lost) ends the search with an {@link IllegalStateException}; the journal keeps
 *       the fits already done.</li>
 *   <li><b>Cancellation.</b> Interrupting the search's thread cancels the search's Spark jobs (their job
 *       group) and returns once no driver thread of it runs.</li>
 * </ul>
 * The caller owns the Spark context; the executor never stops it. Thread-safe: searches may share one.
 */
public final class SparkExecutor implements SearchExecutor {
    private static final System.Logger LOG = System.getLogger(SparkExecutor.class.getName());
    private static final AtomicInteger SEARCHES = new AtomicInteger();

    private final JavaSparkContext sc;
    private final boolean shareKernels;
    private final int maxGroupSize;
    private final int maxJobsInFlight;

    /** An executor on {@code sc}, grouping fits that share a kernel matrix. */
    public SparkExecutor(JavaSparkContext sc) {
        this(sc, true, 0, 0);
    }

    private SparkExecutor(JavaSparkContext sc, boolean shareKernels, int maxGroupSize, int maxJobsInFlight) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.shareKernels = shareKernels;
        this.maxGroupSize = maxGroupSize;
        this.maxJobsInFlight = maxJobsInFlight;
    }

    /**
     * Whether the fits of one fold that share a kernel matrix run as one Spark task (default true); false: one
     * Spark task per fit.
     */
    public SparkExecutor shareKernels(boolean share) {
        return new SparkExecutor(sc, share, maxGroupSize, maxJobsInFlight);
    }

    /**
     * The most fits in one Spark task, {@code >= 1}; 0 (the default) for {@code ceil(fits / (4 · cores))}:
     * enough Spark tasks to keep every core busy to the end although fits differ in cost (a small C fits in
     * a fraction of a large C's time). Fits of one kernel that land in different Spark tasks on one executor
     * still share its kernel matrices.
     */
    public SparkExecutor maxGroupSize(int n) {
        if (n != 0) {
            new TaskGrouping(true, n); // validates
        }
        return new SparkExecutor(sc, shareKernels, n, maxJobsInFlight);
    }

    /** The default most fits per Spark task: {@code ceil(fits / (4 · cores))}, at least 1. */
    static int defaultGroupSize(int fits, int cores) {
        int slots = 4 * Math.max(1, cores);
        return Math.max(1, (fits + slots - 1) / slots);
    }

    /** The most Spark jobs (groups) running at once, {@code >= 1}; 0 (the default) for twice the cluster's cores. */
    public SparkExecutor maxJobsInFlight(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxJobsInFlight must be >= 0, got " + n);
        }
        return new SparkExecutor(sc, shareKernels, maxGroupSize, n);
    }

    /** The Spark context the fits run on. */
    public JavaSparkContext sparkContext() {
        return sc;
    }

    /** The cluster's default parallelism (its cores): the refit's thread budget and the search's messages. */
    @Override
    public int parallelism() {
        return Math.max(1, sc.defaultParallelism());
    }

    @Override
    public void execute(SearchJob job, List<FitTask> tasks, TaskSink sink) throws InterruptedException {
        if (tasks.isEmpty()) {
            return;
        }
        int groupSize = maxGroupSize > 0 ? maxGroupSize : defaultGroupSize(tasks.size(), parallelism());
        List<TaskGroup> groups = new TaskGrouping(shareKernels, groupSize).groups(job, tasks);
        SearchPayload payload = SearchPayload.of(job, shareKernels);
        int kernelThreads = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
        int inFlight = Math.min(groups.size(), maxJobsInFlight > 0 ? maxJobsInFlight : 2 * parallelism());
        String jobGroup = "paraml-search-" + SEARCHES.incrementAndGet();
        LOG.log(System.Logger.Level.INFO, "search on Spark: " + tasks.size() + " fits in " + groups.size()
                + " Spark tasks, up to " + inFlight + " at once; " + payload.dataBytes() + " bytes of data broadcast");
        Broadcast<SearchPayload> bc = sc.broadcast(payload);
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(inFlight);
        try {
            for (int w = 0; w < inFlight; w++) {
                Thread t = new Thread(() -> {
                    try {
                        sc.setJobGroup(jobGroup, "ParaML search " + job.estimator().getClass().getSimpleName(), true);
                        while (!stop.get()) {
                            int i = next.getAndIncrement();
                            if (i >= groups.size()) {
                                return;
                            }
                            runGroup(bc, groups.get(i), kernelThreads, sink, stop);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        stop.set(true);
                        cancelQuietly(jobGroup);
                    } finally {
                        try {
                            sc.clearJobGroup();
                        } catch (RuntimeException stopped) {
                            // the context stopped: nothing to clear
                        }
                    }
                }, jobGroup + "-driver-" + w);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                stop.set(true);
                cancelQuietly(jobGroup);
                SearchExecutor.joinUninterruptibly(threads);
                throw e;
            }
            if (failure.get() != null) {
                cancelQuietly(jobGroup);
                Throwable f = failure.get();
                if (sc.sc().isStopped()) {
                    throw new IllegalStateException("the Spark context of the search stopped (" + sc.master()
                            + "): the master or the application was lost; the journal, if any, keeps the finished fits",
                            f);
                }
                if (f instanceof RuntimeException re) {
                    throw re;
                }
                if (f instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("a Spark task of the search failed: " + f, f);
            }
        } finally {
            destroyQuietly(bc);
        }
    }

    /**
     * Runs one group as one Spark job and reports its results (also when the search was stopped
     * meanwhile: a finished fit's result reaches the journal); a fit that raised is thrown after the
     * group's other results are reported.
     */
    private void runGroup(Broadcast<SearchPayload> bc, TaskGroup group, int kernelThreads, TaskSink sink,
            AtomicBoolean stop) {
        for (FitTask t : group.tasks()) {
            sink.started(t);
        }
        List<List<RemoteResult>> done;
        try {
            done = sc.parallelize(List.of(group), 1).map(g -> GroupRunner.run(bc, g, kernelThreads)).collect();
        } catch (Exception e) { // Spark throws its checked SparkException from collect
            if (stop.get()) {
                return; // cancelled: the job's failure is the cancellation
            }
            throw new IllegalStateException("the Spark job of fits " + group + " failed: " + e.getMessage(), e);
        }
        Throwable raised = null;
        for (RemoteResult r : done.get(0)) {
            if (r.raised() != null) {
                raised = raised == null ? r.raised() : raised;
                continue;
            }
            sink.finished(r.toTaskResult());
        }
        if (raised instanceof RuntimeException re) {
            throw re;
        }
        if (raised instanceof Error err) {
            throw err;
        }
        if (raised != null) {
            throw new IllegalStateException(raised.toString(), raised);
        }
    }

    /** Cancels the search's Spark jobs, unless the context has stopped (then none runs). */
    private void cancelQuietly(String jobGroup) {
        try {
            sc.cancelJobGroup(jobGroup);
        } catch (RuntimeException stopped) {
            LOG.log(System.Logger.Level.DEBUG, "could not cancel " + jobGroup + ": " + stopped);
        }
    }

    private static void destroyQuietly(Broadcast<?> bc) {
        try {
            bc.destroy();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not destroy a search broadcast: " + e);
        }
    }

    @Override
    public String toString() {
        return "SparkExecutor(" + sc.master() + ")";
    }
}
