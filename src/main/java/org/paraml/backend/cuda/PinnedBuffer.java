package org.paraml.backend.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * Page-locked host memory of one {@link Lane} stage, through which blocks are copied to and from
 * the device asynchronously; grows on demand and is reused across calls. Not thread-safe.
 */
final class PinnedBuffer {
    private final CudaDevice device;
    private Pointer pointer;
    private long capacity;

    PinnedBuffer(CudaDevice device) {
        this.device = device;
    }

    /** Makes the buffer at least {@code bytes} long (contents lost when it grows); call when the stream is idle. */
    void ensure(long bytes) {
        if (bytes > capacity || pointer == null) {
            long size = Math.max(Math.max(bytes, 8), capacity + capacity / 2);
            release();
            pointer = device.allocatePinned(size);
            capacity = size;
        }
    }

    /** The host pointer {@code offset} bytes in, for asynchronous copies. */
    Pointer at(long offset) {
        return pointer.withByteOffset(offset);
    }

    /** A native-order view of {@code length} bytes from {@code offset}, for bulk puts and gets. */
    ByteBuffer bytes(long offset, long length) {
        return pointer.getByteBuffer(offset, length).order(ByteOrder.nativeOrder());
    }

    void release() {
        if (pointer != null) {
            device.freePinned(pointer);
            pointer = null;
            capacity = 0;
        }
    }
}
