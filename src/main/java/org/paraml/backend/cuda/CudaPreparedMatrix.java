package org.paraml.backend.cuda;

import java.lang.ref.Cleaner;
import jcuda.driver.CUdeviceptr;
import org.paraml.backend.PreparedMatrix;
import org.paraml.backend.RowNorms;
import org.paraml.linalg.Matrix;

/**
 * What {@link CudaBackend#prepare} makes: the matrix (not copied on the host), its squared row norms
 * on the host, and a copy of both on the device, uploaded once and read by every later call:
 * the rows compact and row-major ({@code rows × cols} float64, row i at element {@code i·cols}),
 * followed by the norms as computed on the device.
 *
 * <p>The device memory is freed by {@link #close()}, or by a cleaner once this object is unreachable
 * (as direct byte buffers are). A fit that prepares many matrices may close them to free device
 * memory early; the backend also collects garbage and retries when an allocation finds the device
 * full. Using a closed matrix throws {@link IllegalStateException}. Thread-safe; do not close while
 * another thread uses it.
 */
public final class CudaPreparedMatrix implements PreparedMatrix, AutoCloseable {
    private final Matrix matrix;
    private final double[] norms;
    private final DeviceCopy copy;
    private final Cleaner.Cleanable cleanable;

    CudaPreparedMatrix(Matrix matrix, DeviceCopy copy) {
        this.matrix = matrix;
        this.norms = RowNorms.squared(matrix);
        this.copy = copy;
        this.cleanable = CudaDevice.register(this, copy);
    }

    @Override
    public Matrix matrix() {
        return matrix;
    }

    @Override
    public double[] squaredNorms() {
        return norms;
    }

    @Override
    public String backendName() {
        return CudaBackend.NAME;
    }

    /** Frees the device copy now; idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return copy.isFreed();
    }

    /** Device bytes held (rows and norms); 0 once closed. */
    public long deviceBytes() {
        return copy.isFreed() ? 0 : copy.bytes;
    }

    /** The device rows ({@code rows × cols} float64, row-major). */
    CUdeviceptr deviceRows() {
        return copy.rows();
    }

    /** The device squared norms ({@code rows} float64). */
    CUdeviceptr deviceNorms() {
        return copy.norms();
    }

    /** The device allocation: rows then norms; the cleaning action frees it. */
    static final class DeviceCopy implements Runnable {
        private final CudaDevice device;
        private final CUdeviceptr base;
        private final long normsOffset;
        final long bytes;
        private volatile boolean freed;

        /** Takes ownership of {@code base} ({@code bytes} long, null when empty), norms at {@code normsOffset}. */
        DeviceCopy(CudaDevice device, CUdeviceptr base, long normsOffset, long bytes) {
            this.device = device;
            this.base = base;
            this.normsOffset = normsOffset;
            this.bytes = bytes;
        }

        CUdeviceptr rows() {
            check();
            return base;
        }

        CUdeviceptr norms() {
            check();
            return base == null ? null : base.withByteOffset(normsOffset);
        }

        boolean isFreed() {
            return freed;
        }

        private void check() {
            if (freed) {
                throw new IllegalStateException("this CUDA prepared matrix was closed; prepare the matrix again");
            }
        }

        @Override
        public void run() {
            freed = true;
            if (base != null) {
                device.free(base);
            }
        }
    }
}
