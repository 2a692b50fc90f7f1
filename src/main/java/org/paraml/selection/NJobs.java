package org.paraml.selection;

/** joblib's reading of {@code n_jobs} and the split of a thread budget between tasks. */
final class NJobs {
    private NJobs() {
    }

    /**
     * {@code n_jobs} as a number of threads: a positive value as is; -1 = every processor
     * ({@link Runtime#availableProcessors()}), -2 = all but one, … (at least 1).
     */
    static int resolve(int nJobs) {
        if (nJobs == 0) {
            throw new IllegalArgumentException("n_jobs == 0 has no meaning: use n_jobs >= 1, or -1 for every processor");
        }
        if (nJobs > 0) {
            return nJobs;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() + 1 + nJobs);
    }

    /**
     * The kernel threads of worker {@code w} of {@code workers}: the budget split as evenly as
     * possible, so that the workers' shares add up to {@code budget} (and never exceed it).
     */
    static int kernelThreads(int budget, int workers, int w) {
        return budget / workers + (w < budget % workers ? 1 : 0);
    }
}
