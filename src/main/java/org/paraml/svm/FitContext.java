package org.paraml.svm;

/**
 * What all trainings of one fit share: the kernel, the solver settings, the random stream (reset
 * at every training, as libsvm's {@code set_seed}), and the "some solve hit max_iter" status.
 */
final class FitContext {
    final KernelSource source;
    final SolverSettings settings;
    final SklearnRandom random;
    /** The fit's thread budget (independent trainings may run side by side within it). */
    final int threads;
    boolean timedOut;

    FitContext(KernelSource source, SolverSettings settings, SklearnRandom random, int threads) {
        this.source = source;
        this.settings = settings;
        this.random = random;
        this.threads = threads;
    }
}
