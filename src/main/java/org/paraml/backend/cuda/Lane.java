package org.paraml.backend.cuda;

import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * What one backend call works with: two {@link Stage}s, each a stream with its own pinned staging
 * and device scratch, so that one stage's copies overlap the other's kernels ({@link SlabPipeline}).
 * A lane is borrowed from {@link CudaDevice} for one call at a time, so concurrent calls never share
 * buffers; its buffers stay allocated between calls.
 */
final class Lane {
    /** Device scratch buffers per stage. */
    static final int SCRATCH_SLOTS = 6;

    private final Stage[] stages;

    Lane(CudaDevice device) {
        stages = new Stage[]{new Stage(device), null};
        try {
            stages[1] = new Stage(device);
        } catch (RuntimeException e) {
            stages[0].release();
            throw e;
        }
    }

    /** Stage 0 or 1. */
    Stage stage(int i) {
        return stages[i];
    }

    /** Frees the streams and buffers after synchronizing; errors are ignored (used on failure paths too). */
    void release() {
        for (Stage s : stages) {
            if (s != null) {
                s.release();
            }
        }
    }

    /** A stream with pinned input and output staging and device scratch slots. */
    static final class Stage {
        final CUstream stream = new CUstream();
        final PinnedBuffer in;
        final PinnedBuffer out;
        private final DeviceBuffer[] scratch = new DeviceBuffer[SCRATCH_SLOTS];

        Stage(CudaDevice device) {
            CudaCalls.check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            in = new PinnedBuffer(device);
            out = new PinnedBuffer(device);
            for (int i = 0; i < SCRATCH_SLOTS; i++) {
                scratch[i] = new DeviceBuffer(device);
            }
        }

        /** Device scratch slot {@code slot}, at least {@code bytes} long. */
        jcuda.driver.CUdeviceptr scratch(int slot, long bytes, String what) {
            return scratch[slot].ensure(bytes, what);
        }

        /** Waits until everything enqueued on this stage's stream has finished. */
        void synchronize() {
            CudaCalls.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
        }

        void release() {
            if (JCudaDriver.cuStreamSynchronize(stream) == CUresult.CUDA_SUCCESS) {
                in.release();
                out.release();
                for (DeviceBuffer b : scratch) {
                    b.release();
                }
            }
            JCudaDriver.cuStreamDestroy(stream);
        }
    }
}
