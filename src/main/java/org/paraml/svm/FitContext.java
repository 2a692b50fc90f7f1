package org.paraml.svm;

/**
 * What all trainings of one fit share: the kernel, the solver settings, the random stream (reset
 * at every training, as libsvm's {@code set_seed}), the pool of kernel-cache column arrays, and the
 * "some solve hit max_iter" status.
 */
final class FitContext {
    final KernelSource source;
    final SolverSettings settings;
    final SklearnRandom random;
    /** The fit's thread budget (independent trainings may run side by side within it). */
    final int threads;
    /** The kernel caches' column arrays, passed from each finished solve to the next (shared with the children). */
    final ColumnArrays columnArrays;
    boolean timedOut;

    FitContext(KernelSource source, SolverSettings settings, SklearnRandom random, int threads) {
        this(source, settings, random, threads,
                ColumnArrays.forCaches(settings.cacheSizeMb(), Math.max(1, threads)));
    }

    /** A context whose solves take and give their column arrays from {@code columnArrays} (a search's pool). */
    FitContext(KernelSource source, SolverSettings settings, SklearnRandom random, int threads,
                       ColumnArrays columnArrays) {
        this.source = source;
        this.settings = settings;
        this.random = random;
        this.threads = Math.max(1, threads);
        this.columnArrays = columnArrays;
    }

    /** This context with its trainings' kernel read from {@code other} (its own random stream, on the same seed). */
    FitContext withSource(KernelSource other) {
        return new FitContext(other, settings, new SklearnRandom(random.seed()), threads, columnArrays);
    }

    /**
     * A context for a training that runs beside others: the same kernel and settings, its own
     * random stream (on the same seed; every training re-seeds it first) and a share of the threads.
     */
    FitContext child(int threads) {
        return new FitContext(source.withThreads(threads), settings, new SklearnRandom(random.seed()), threads,
                columnArrays);
    }

    /**
     * Runs {@code task(i, ctx)} for {@code i < tasks} within this context's thread budget: up to
     * {@code threads} at once, each on a {@link #child} with its share of the threads (all of
     * them when it runs alone), and merges their max_iter status into this context. Which thread
     * runs a task does not change what it computes.
     */
    void forEach(int tasks, TrainingTask task) {
        if (tasks <= 0) {
            return;
        }
        int workers = Math.min(threads, tasks);
        if (workers <= 1) {
            for (int i = 0; i < tasks; i++) {
                FitContext c = child(threads);
                task.run(i, c);
                timedOut |= c.timedOut;
            }
            return;
        }
        FitContext[] children = new FitContext[tasks];
        for (int i = 0; i < tasks; i++) {
            // the tasks are claimed in order, so task i runs beside about the next workers - 1: split the budget
            int share = threads / workers + (i % workers < threads % workers ? 1 : 0);
            children[i] = child(share);
        }
        org.paraml.backend.Parallel.forEach(tasks, workers, i -> task.run(i, children[i]));
        for (FitContext c : children) {
            timedOut |= c.timedOut;
        }
    }

    /** One of several independent trainings of a fit. */
    interface TrainingTask {
        void run(int index, FitContext ctx);
    }
}
