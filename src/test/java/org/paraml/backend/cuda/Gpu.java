package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.paraml.backend.BackendInfo;

/** The GPU tests' guard: they run when a device answers the probe and are skipped (never passed) otherwise. */
final class Gpu {
    private Gpu() {
    }

    /** The CUDA backend, or a skipped test that says why there is none. */
    static CudaBackend backendOrSkip() {
        BackendInfo info = CudaBackend.probe();
        assumeTrue(info.available(), () -> "no GPU: " + info.reason());
        return new CudaBackend();
    }
}
