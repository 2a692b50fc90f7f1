package org.paraml.backend.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * Device scratch memory of one {@link Lane} stage that grows on demand and is reused across calls.
 * Not thread-safe: a lane belongs to one call at a time.
 */
final class DeviceBuffer {
    private final CudaDevice device;
    private CUdeviceptr pointer;
    private long capacity;

    DeviceBuffer(CudaDevice device) {
        this.device = device;
    }

    /**
     * A device pointer to at least {@code bytes} bytes; a larger allocation replaces a smaller one
     * (whose contents are lost), so call it only when the stage's stream is idle.
     */
    CUdeviceptr ensure(long bytes, String what) {
        if (bytes > capacity || pointer == null) {
            long size = Math.max(Math.max(bytes, 1), capacity + capacity / 2);
            release();
            pointer = device.allocate(size, what);
            capacity = size;
        }
        return pointer;
    }

    /** Frees the memory (the next {@link #ensure} allocates again). */
    void release() {
        if (pointer != null) {
            device.free(pointer);
            pointer = null;
            capacity = 0;
        }
    }

    long capacity() {
        return capacity;
    }
}
