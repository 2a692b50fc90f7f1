package org.paraml.backend.cuda;

import java.nio.ByteBuffer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.paraml.backend.KernelSpec;

/**
 * The host side of kernel rows and kernel blocks: the prepared matrices are already on the device,
 * so a call uploads only the batch's row indices, and streams the output back in slabs of rows
 * (at most {@link Slabs#BYTES} each) through the lane's pinned buffers, on two streams: one slab is
 * copied out while the next is computed. Output values do not depend on the slab sizes.
 */
final class CudaKernelMatrix {
    private static final int SLOT_ROWS = 0;
    private static final int SLOT_OUT = 1;

    private CudaKernelMatrix() {
    }

    /**
     * {@code K(x_{rows[r]}, x_j)} for {@code r < rows.length, j < len} into {@code outF} (float32) or
     * {@code outD} (float64, when outF is null) at {@code outOffset + r·outStride + j}. Arguments checked.
     */
    static void rows(CudaDevice device, KernelSpec kernel, CudaPreparedMatrix x, int[] rows, int len, float[] outF,
                     double[] outD, int outOffset, int outStride) {
        int m = rows.length;
        if (m == 0 || len == 0) {
            return;
        }
        boolean f32 = outF != null;
        int elem = f32 ? Float.BYTES : Double.BYTES;
        int slabRows = Slabs.rows((long) len * elem, 4096);
        int slabs = (int) CudaKernels.ceilDiv(m, slabRows);
        CUdeviceptr data = x.deviceRows();
        CUdeviceptr norms = x.deviceNorms();
        device.call(lane -> {
            SlabPipeline.run(lane, slabs, new SlabPipeline.Slab<>() {
                @Override
                public void enqueue(int s, Lane.Stage st) {
                    int r0 = s * slabRows;
                    int mr = Math.min(slabRows, m - r0);
                    long indexBytes = Slabs.align((long) mr * Integer.BYTES);
                    long outBytes = (long) mr * len * elem;
                    st.in.ensure(indexBytes);
                    st.out.ensure(outBytes);
                    st.in.bytes(0, (long) mr * Integer.BYTES).asIntBuffer().put(rows, r0, mr);
                    CUdeviceptr dRows = st.scratch(SLOT_ROWS, indexBytes, "kernel row indices");
                    CUdeviceptr dOut = st.scratch(SLOT_OUT, outBytes, "kernel rows (" + mr + " x " + len + ")");
                    CudaCalls.check(JCudaDriver.cuMemcpyHtoDAsync(dRows, st.in.at(0), (long) mr * Integer.BYTES, st.stream),
                            "cuMemcpyHtoDAsync");
                    device.kernels().kernelMatrix(st.stream, f32, kernel, data, norms, dRows, mr, data, norms, len,
                            x.cols(), dOut, len);
                    CudaCalls.check(JCudaDriver.cuMemcpyDtoHAsync(st.out.at(0), dOut, outBytes, st.stream),
                            "cuMemcpyDtoHAsync");
                }

                @Override
                public void consume(int s, Lane.Stage st) {
                    int r0 = s * slabRows;
                    int mr = Math.min(slabRows, m - r0);
                    ByteBuffer bytes = st.out.bytes(0, (long) mr * len * elem);
                    if (f32) {
                        java.nio.FloatBuffer fb = bytes.asFloatBuffer();
                        for (int r = 0; r < mr; r++) {
                            fb.get(outF, outOffset + (r0 + r) * outStride, len);
                        }
                    } else {
                        java.nio.DoubleBuffer db = bytes.asDoubleBuffer();
                        for (int r = 0; r < mr; r++) {
                            db.get(outD, outOffset + (r0 + r) * outStride, len);
                        }
                    }
                }
            });
            return null;
        });
    }

    /** {@code out[outOffset + i·b.rows() + j] = K(a_i, b_j)}, float64. Arguments checked. */
    static void block(CudaDevice device, KernelSpec kernel, CudaPreparedMatrix a, CudaPreparedMatrix b, double[] out,
                      int outOffset) {
        int ma = a.rows();
        int nb = b.rows();
        if (ma == 0 || nb == 0) {
            return;
        }
        int d = a.cols();
        int slabRows = Slabs.rows((long) nb * Double.BYTES, 1 << 20);
        int slabs = (int) CudaKernels.ceilDiv(ma, slabRows);
        CUdeviceptr aData = a.deviceRows();
        CUdeviceptr aNorms = a.deviceNorms();
        CUdeviceptr bData = b.deviceRows();
        CUdeviceptr bNorms = b.deviceNorms();
        device.call(lane -> {
            SlabPipeline.run(lane, slabs, new SlabPipeline.Slab<>() {
                @Override
                public void enqueue(int s, Lane.Stage st) {
                    int r0 = s * slabRows;
                    int mr = Math.min(slabRows, ma - r0);
                    long outBytes = (long) mr * nb * Double.BYTES;
                    st.out.ensure(outBytes);
                    CUdeviceptr dOut = st.scratch(SLOT_OUT, outBytes, "a kernel block (" + mr + " x " + nb + ")");
                    device.kernels().kernelMatrix(st.stream, false, kernel,
                            aData.withByteOffset((long) r0 * d * Double.BYTES), aNorms.withByteOffset((long) r0 * Double.BYTES),
                            null, mr, bData, bNorms, nb, d, dOut, nb);
                    CudaCalls.check(JCudaDriver.cuMemcpyDtoHAsync(st.out.at(0), dOut, outBytes, st.stream),
                            "cuMemcpyDtoHAsync");
                }

                @Override
                public void consume(int s, Lane.Stage st) {
                    int r0 = s * slabRows;
                    int mr = Math.min(slabRows, ma - r0);
                    st.out.bytes(0, (long) mr * nb * Double.BYTES).asDoubleBuffer().get(out, outOffset + r0 * nb, mr * nb);
                }
            });
            return null;
        });
    }
}
