package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.paraml.backend.BackendInfo;

/** The GPU tests' guard: skipped without a GPU, failed when one is required (the device check). */
class GpuTest {
    private static final BackendInfo MISSING = new BackendInfo("cuda", false, "no NVIDIA driver (libcuda.so.1)");
    private static final BackendInfo PRESENT = new BackendInfo("cuda", true, "NVIDIA H100 80GB HBM3");

    @Test
    void withoutAGpuTheTestIsSkippedUnlessAGpuIsRequired() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> Gpu.requireOrSkip(MISSING, false));
        assertTrue(skipped.getMessage().contains("no GPU: no NVIDIA driver"), skipped.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> Gpu.requireOrSkip(MISSING, true));
        assertTrue(failed.getMessage().contains("PARAML_REQUIRE_GPU is set but the CUDA backend is not available: no NVIDIA driver"),
                failed.getMessage());
        assertDoesNotThrow(() -> Gpu.requireOrSkip(PRESENT, true));
        assertDoesNotThrow(() -> Gpu.requireOrSkip(PRESENT, false));
    }

    @Test
    void theVariableAsksForAGpuWithOneOrTrue() {
        assertTrue(Gpu.required("1"));
        assertTrue(Gpu.required(" true "));
        assertFalse(Gpu.required(null));
        assertFalse(Gpu.required(""));
        assertFalse(Gpu.required("0"));
    }
}
