package org.paraml.backend.cuda;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.paraml.backend.BackendFailureException;

/**
 * The GPU this JVM computes on: device 0's primary context, the loaded kernels, device and pinned
 * memory allocation, and the pool of {@link Lane}s. There is one, made by {@link CudaProbe}; every
 * thread that calls the backend makes the context current for itself ({@link #call}).
 */
final class CudaDevice {
    /** The lowest compute capability (major·10 + minor) the shipped PTX targets: sm_75, Turing. */
    static final int MIN_COMPUTE_CAPABILITY = 75;
    /** Device memory that the probe must be able to allocate. */
    static final long PROBE_BYTES = 64L << 20;
    /** Idle lanes kept for reuse; more are freed when returned. */
    private static final int MAX_IDLE_LANES = 32;
    /** Attempts to allocate device memory after a collection (freeing unreachable prepared matrices). */
    private static final int ALLOCATION_RETRIES = 7;

    private static final Cleaner CLEANER = Cleaner.create();

    private final CUcontext context;
    private final String description;
    private final CudaKernels kernels;
    private final ConcurrentLinkedQueue<Lane> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    private CudaDevice(CUcontext context, String description, CudaKernels kernels) {
        this.context = context;
        this.description = description;
        this.kernels = kernels;
    }

    /**
     * Opens device {@code ordinal}: checks its compute capability, retains and makes current its
     * primary context, loads the PTX, allocates {@link #PROBE_BYTES} and runs a kernel.
     *
     * @throws BackendFailureException whose message (one line) says why the device cannot be used
     */
    static CudaDevice open(int ordinal, int driverVersion) {
        CUdevice device = new CUdevice();
        CudaCalls.check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        byte[] nameBytes = new byte[256];
        CudaCalls.check(JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
        String name = cString(nameBytes);
        int major = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        long[] total = new long[1];
        CudaCalls.check(JCudaDriver.cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
        if (major * 10 + minor < MIN_COMPUTE_CAPABILITY) {
            throw new BackendFailureException(CudaBackend.NAME, false, name + " has compute capability " + major + "."
                    + minor + "; the CUDA backend needs 7.5 or higher (Turing or newer)", null);
        }
        CUcontext context = new CUcontext();
        CudaCalls.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        try {
            CudaCalls.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            CUmodule kernelMatrix = Ptx.load(Ptx.resource("kernel_matrix"), "kernel_matrix", driverVersion);
            CUmodule kmeans = Ptx.load(Ptx.resource("kmeans"), "kmeans", driverVersion);
            String description = String.format(Locale.ROOT, "%s (compute capability %d.%d, %.1f GiB; the driver supports CUDA %s)",
                    name, major, minor, total[0] / (double) (1L << 30), CudaCalls.cudaVersion(driverVersion));
            int sharedOptIn = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
            CudaDevice d = new CudaDevice(context, description, new CudaKernels(kernelMatrix, kmeans, sharedOptIn));
            d.selfTest();
            return d;
        } catch (RuntimeException e) {
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    /** Allocates {@link #PROBE_BYTES} and computes one squared norm on the device. */
    private void selfTest() {
        long[] free = new long[1];
        long[] total = new long[1];
        CudaCalls.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        CUdeviceptr probe = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(probe, PROBE_BYTES);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            throw new BackendFailureException(CudaBackend.NAME, true, "the GPU is out of memory: "
                    + CudaCalls.mib(free[0]) + " free of " + CudaCalls.mib(total[0]) + " (other processes hold the rest)", null);
        }
        CudaCalls.check(r, "cuMemAlloc");
        try {
            double[] row = {3.0, 4.0};
            CudaCalls.check(JCudaDriver.cuMemcpyHtoD(probe, Pointer.to(row), 16), "cuMemcpyHtoD");
            CUdeviceptr norm = probe.withByteOffset(256);
            kernels.rowSqNorms(new CUstream(), probe, 1, 2, norm);
            CudaCalls.check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
            double[] got = new double[1];
            CudaCalls.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(got), norm, 8), "cuMemcpyDtoH");
            if (got[0] != 25.0) {
                throw new BackendFailureException(CudaBackend.NAME, false, "the self-test kernel computed "
                        + got[0] + " instead of 25", null);
            }
        } finally {
            JCudaDriver.cuMemFree(probe);
        }
    }

    /** One line: the GPU's name, compute capability, memory and driver. */
    String description() {
        return description;
    }

    CudaKernels kernels() {
        return kernels;
    }

    /** Frees {@code resource} when {@code owner} becomes unreachable, or when the returned handle is cleaned. */
    static Cleaner.Cleanable register(Object owner, Runnable resource) {
        return CLEANER.register(owner, resource);
    }

    /** Makes this device's context current on the calling thread. */
    void makeCurrent() {
        CudaCalls.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** Work done on a lane. */
    interface LaneWork<T> {
        T run(Lane lane);
    }

    /**
     * Runs {@code work} on a lane of its own, with the context current. The lane returns to the pool
     * when the work succeeds, and is freed when it fails (its streams may hold failed work).
     */
    <T> T call(LaneWork<T> work) {
        makeCurrent();
        Lane lane = idle.poll();
        if (lane != null) {
            idleCount.decrementAndGet();
        } else {
            lane = new Lane(this);
        }
        boolean ok = false;
        try {
            T result = work.run(lane);
            ok = true;
            return result;
        } finally {
            if (ok && idleCount.incrementAndGet() <= MAX_IDLE_LANES) {
                idle.offer(lane);
            } else {
                if (ok) {
                    idleCount.decrementAndGet();
                }
                lane.release();
            }
        }
    }

    /**
     * {@code bytes} of device memory. When the device is out of memory, frees the idle lanes and
     * collects garbage (so that the cleaners of unreachable prepared matrices free theirs) and tries
     * again, a few times, before giving up.
     *
     * @param what what the memory is for, for the message
     * @throws BackendFailureException out of memory ({@link BackendFailureException#outOfMemory()}), or another error
     */
    CUdeviceptr allocate(long bytes, String what) {
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        for (int attempt = 0; r == CUresult.CUDA_ERROR_OUT_OF_MEMORY && attempt < ALLOCATION_RETRIES; attempt++) {
            trimIdleLanes();
            System.gc();
            try {
                Thread.sleep(1L << attempt); // lets the cleaner thread run: 1 + 2 + ... + 64 ms at most
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = JCudaDriver.cuMemAlloc(p, bytes);
        }
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            long[] free = new long[1];
            long[] total = new long[1];
            JCudaDriver.cuMemGetInfo(free, total);
            throw new BackendFailureException(CudaBackend.NAME, true, "CUDA device out of memory: " + what + " needs "
                    + CudaCalls.mib(bytes) + ", " + CudaCalls.mib(free[0]) + " free of " + CudaCalls.mib(total[0]), null);
        }
        CudaCalls.check(r, "cuMemAlloc(" + bytes + " bytes for " + what + ")");
        return p;
    }

    /** Frees device memory from {@link #allocate}; errors are ignored (the context may be gone). */
    void free(CUdeviceptr p) {
        JCudaDriver.cuCtxSetCurrent(context);
        JCudaDriver.cuMemFree(p);
    }

    /** {@code bytes} of page-locked host memory. */
    Pointer allocatePinned(long bytes) {
        Pointer p = new Pointer();
        int r = JCudaDriver.cuMemAllocHost(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            trimIdleLanes();
            r = JCudaDriver.cuMemAllocHost(p, bytes);
        }
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            throw new BackendFailureException(CudaBackend.NAME, true, "out of page-locked host memory: "
                    + CudaCalls.mib(bytes) + " could not be pinned", null);
        }
        CudaCalls.check(r, "cuMemAllocHost(" + bytes + ")");
        return p;
    }

    /** Frees memory from {@link #allocatePinned}; errors are ignored. */
    void freePinned(Pointer p) {
        JCudaDriver.cuMemFreeHost(p);
    }

    private void trimIdleLanes() {
        for (Lane l = idle.poll(); l != null; l = idle.poll()) {
            idleCount.decrementAndGet();
            l.release();
        }
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] v = new int[1];
        CudaCalls.check(JCudaDriver.cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return v[0];
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
