package org.paraml.backend.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Finds out, once per JVM, whether the CUDA backend can run here, and opens the device if so. Each
 * stage that can fail gives a one-line reason and never an exception: JCuda's native library (it
 * links the driver's {@code libcuda.so.1}), {@code cuInit}, a device, its compute capability, the
 * primary context, the PTX (a driver older than the PTX rejects it), memory, and a test kernel.
 *
 * <p>When the driver is installed but the backend still cannot be used (no device, PTX rejected,
 * out of memory), the reason is logged once as a WARNING (logger {@code org.paraml.backend}): the
 * user probably meant to use the GPU. Without a driver nothing is logged here; the backend selection
 * line says why cuda was not used.
 */
final class CudaProbe {
    private static final System.Logger LOG = System.getLogger("org.paraml.backend");

    private CudaProbe() {
    }

    /**
     * The outcome of the probe.
     *
     * @param device        the opened device, or null
     * @param reason        one line: the device in use, or why there is none
     * @param driverPresent true when the driver library loaded (so a failure is worth a warning)
     */
    record Outcome(CudaDevice device, String reason, boolean driverPresent) {
        boolean available() {
            return device != null;
        }
    }

    /** The JVM's outcome, probed on first call. */
    static Outcome outcome() {
        return Holder.OUTCOME;
    }

    private static final class Holder {
        static final Outcome OUTCOME = probe();
    }

    private static Outcome probe() {
        Outcome o = run();
        if (!o.available() && o.driverPresent()) {
            LOG.log(System.Logger.Level.WARNING, "CUDA backend not available: " + o.reason());
        }
        return o;
    }

    private static Outcome run() {
        int init;
        try {
            init = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            return new Outcome(null, nativeLoadFailure(e), false);
        }
        try {
            int[] version = new int[1];
            JCudaDriver.cuDriverGetVersion(version);
            if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
                return new Outcome(null, "the NVIDIA driver (CUDA " + CudaCalls.cudaVersion(version[0])
                        + ") found no CUDA device", true);
            }
            if (init != CUresult.CUDA_SUCCESS) {
                return new Outcome(null, "cuInit failed: " + CUresult.stringFor(init), true);
            }
            int[] count = new int[1];
            CudaCalls.check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
            if (count[0] == 0) {
                return new Outcome(null, "the NVIDIA driver (CUDA " + CudaCalls.cudaVersion(version[0])
                        + ") found no CUDA device", true);
            }
            CudaDevice device = CudaDevice.open(0, version[0]);
            return new Outcome(device, device.description(), true);
        } catch (RuntimeException | LinkageError e) {
            String m = e.getMessage() != null ? e.getMessage() : e.toString();
            return new Outcome(null, m.replaceAll("\\s*\\R\\s*", " "), true); // one line, whatever failed
        }
    }

    /**
     * The reason for a failed load of JCuda's native library, in one line, from JCuda's multi-line
     * message: on a machine without the NVIDIA driver it ends in
     * {@code libcuda.so.1: cannot open shared object file: No such file or directory}.
     */
    static String nativeLoadFailure(LinkageError e) {
        if (e instanceof NoClassDefFoundError) {
            return "JCuda (org.jcuda:jcuda) is not on the class path or did not initialise: " + e.getMessage();
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String detail = null;
        for (String line : message.split("\\R")) {
            int lib = line.indexOf("libcuda");
            if (lib >= 0) {
                detail = line.substring(lib).trim();
                break;
            }
            int ule = line.lastIndexOf("UnsatisfiedLinkError: ");
            if (ule >= 0) {
                detail = line.substring(ule + "UnsatisfiedLinkError: ".length()).trim();
            }
        }
        if (detail != null && detail.startsWith("libcuda")) {
            return "no NVIDIA driver (" + detail + "); the CUDA backend needs a GPU of compute capability"
                    + " 7.5+ and " + Ptx.header(Ptx.resource(Ptx.MODULES[0])).driverRequirement();
        }
        return "JCuda's native library did not load: " + (detail != null ? detail : message.lines().findFirst().orElse(message));
    }
}
