package org.paraml.svm;

/**
 * What all trainings of one fit share: the kernel, the solver settings, the random stream (reset
 * at every training, as libsvm's {@code set_seed}), and the "some solve hit max_iter" status.
 */
final class FitContext {
    final KernelSource source;
    final SolverSettings settings;
    final SklearnRandom random;
    boolean timedOut;

    FitContext(KernelSource source, SolverSettings settings, SklearnRandom random) {
        this.source = source;
        this.settings = settings;
        this.random = random;
    }
}
