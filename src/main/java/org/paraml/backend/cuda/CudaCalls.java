package org.paraml.backend.cuda;

import jcuda.driver.CUresult;
import org.paraml.backend.BackendFailureException;

/** Turns the result codes of JCuda's driver API calls into {@link BackendFailureException}s. */
final class CudaCalls {
    private CudaCalls() {
    }

    /** Throws unless {@code result} is {@code CUDA_SUCCESS}; {@code call} names the call for the message. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw failure(result, call);
        }
    }

    /** The exception for a failed call: out of memory when the result says so. */
    static BackendFailureException failure(int result, String call) {
        return new BackendFailureException(CudaBackend.NAME, result == CUresult.CUDA_ERROR_OUT_OF_MEMORY,
                "CUDA call " + call + " failed: " + CUresult.stringFor(result), null);
    }

    /** {@code bytes} in MiB, one decimal, for messages. */
    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** A driver or toolkit version as the driver API numbers it (13000 = 13.0, 12040 = 12.4) in words. */
    static String cudaVersion(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }
}
