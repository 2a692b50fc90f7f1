package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.paraml.backend.BackendInfo;

/**
 * The GPU tests' guard: they run when a device answers the probe and are skipped (never passed)
 * otherwise. Where a GPU is known to be there ({@value #REQUIRE} = 1, as native/device-check.sh sets
 * it on a machine where nvidia-smi answers) a probe that fails is a test failure instead, so that a
 * CUDA backend that never came up cannot pass the device check as a run of skipped tests.
 */
final class Gpu {
    /** The environment variable that makes a missing GPU a failure. */
    static final String REQUIRE = "PARAML_REQUIRE_GPU";

    private Gpu() {
    }

    /** The CUDA backend, or a skipped (failed, when a GPU is required) test that says why there is none. */
    static CudaBackend backendOrSkip() {
        requireOrSkip(CudaBackend.probe(), required(System.getenv(REQUIRE)));
        return new CudaBackend();
    }

    /** Whether the value of {@value #REQUIRE} asks for a GPU: 1 or true. */
    static boolean required(String value) {
        return value != null && (value.strip().equals("1") || value.strip().equalsIgnoreCase("true"));
    }

    /** Returns when {@code info} is available; else aborts the test, or fails it when {@code required}. */
    static void requireOrSkip(BackendInfo info, boolean required) {
        if (!info.available() && required) {
            fail(REQUIRE + " is set but the CUDA backend is not available: " + info.reason());
        }
        assumeTrue(info.available(), () -> "no GPU: " + info.reason());
    }
}
