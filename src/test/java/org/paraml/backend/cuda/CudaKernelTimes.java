package org.paraml.backend.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import org.paraml.backend.KernelSpec;
import org.paraml.linalg.Matrix;

/**
 * The CUDA kernels timed on their own, over data already on the device, with CUDA events: what issue
 * 7's "passes over device-resident data at 50% or more of the memory bandwidth or FP64 peak" is
 * measured by (the backend calls add the copies of their outputs to the host, which DeviceCheck
 * times). Run by native/device-check.sh on a GPU machine:
 *
 * <pre>java ... org.paraml.backend.cuda.CudaKernelTimes [kmeansRows] [svcRows] [variant.ptx ...]</pre>
 *
 * <p>Each variant is another PTX build of {@code native/kmeans.cu} (a kernel change under test, with the
 * same shared-memory layout): its one-row-per-thread kernels are timed on the same data, beside the
 * shipped ones, and its labels must equal theirs.
 *
 * <p>Each line is the median of 15 timed launches after a warm-up (for the small kernel-row launches
 * also the mean of 200 back-to-back launches, which includes the gaps between them), with the bytes
 * each launch must move at the least (every input read once, every output written once) over its
 * time, as a share of the device-to-device copy bandwidth measured here the same way (bytes read
 * plus bytes written). Prints a table and then one JSON line.
 */
final class CudaKernelTimes {
    private static final int REPS = 15;
    private static final int BACK_TO_BACK = 200;

    private final CudaDevice device;
    private final CUstream stream = new CUstream();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private double copyBytesPerSecond;

    private CudaKernelTimes(CudaDevice device) {
        this.device = device;
        device.makeCurrent();
        CudaCalls.check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    }

    public static void main(String[] args) throws JsonProcessingException {
        int kmeansRows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int svcRows = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        CudaProbe.Outcome probe = CudaProbe.outcome();
        if (!probe.available()) {
            System.err.println("CudaKernelTimes: the CUDA backend is not available: " + probe.reason());
            System.exit(3);
        }
        CudaBackend backend = new CudaBackend();
        CudaKernelTimes t = new CudaKernelTimes(probe.device());
        System.out.println("device: " + probe.reason());
        t.copy(kmeansRows, 20);
        List<CudaKernels> variants = new ArrayList<>();
        for (int i = 2; i < args.length; i++) { // other builds of kmeans.cu, timed beside the shipped one
            variants.add(t.variant(Path.of(args[i])));
        }
        t.kmeans(backend, kmeansRows, 20, 12, variants, args);
        t.kernelRows(backend, svcRows, 20);
        System.out.println(new ObjectMapper().writeValueAsString(Map.of("copy_bytes_per_second", t.copyBytesPerSecond, "kernels", t.rows)));
    }

    /** Device buffers freed together, also when a later allocation or a launch fails. */
    private final class Buffers implements AutoCloseable {
        private final List<CUdeviceptr> held = new ArrayList<>();

        CUdeviceptr allocate(long bytes, String what) {
            CUdeviceptr p = device.allocate(bytes, what);
            held.add(p);
            return p;
        }

        @Override
        public void close() {
            held.forEach(device::free);
        }
    }

    /** The ceiling: a device-to-device copy of n x d float64, bytes read plus written per second. */
    private void copy(int n, int d) {
        long bytes = (long) n * d * Double.BYTES;
        try (Buffers buffers = new Buffers()) {
            CUdeviceptr a = buffers.allocate(bytes, "copy source");
            CUdeviceptr b = buffers.allocate(bytes, "copy target");
            CudaCalls.check(JCudaDriver.cuMemsetD8Async(a, (byte) 0x3f, bytes, stream), "cuMemsetD8Async");
            double s = median(() -> CudaCalls.check(JCudaDriver.cuMemcpyDtoDAsync(b, a, bytes, stream), "cuMemcpyDtoDAsync"));
            copyBytesPerSecond = 2.0 * bytes / s;
            report("device-to-device copy", s, 2.0 * bytes, 0);
        }
    }

    /** The kernels with kmeans.cu taken from another PTX build (for A/B timings of a kernel change). */
    private CudaKernels variant(Path kmeansPtx) {
        int[] version = new int[1];
        CudaCalls.check(JCudaDriver.cuDriverGetVersion(version), "cuDriverGetVersion");
        byte[] ptx;
        try {
            ptx = Files.readAllBytes(kmeansPtx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CUmodule kernelMatrix = Ptx.load(Ptx.resource("kernel_matrix"), "kernel_matrix", version[0]);
        CUmodule kmeans = Ptx.load(ptx, kmeansPtx.getFileName().toString(), version[0]);
        int[] optIn = new int[1];
        CUdevice dev = new CUdevice();
        CudaCalls.check(JCudaDriver.cuCtxGetDevice(dev), "cuCtxGetDevice");
        CudaCalls.check(JCudaDriver.cuDeviceGetAttribute(optIn,
                CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN, dev), "cuDeviceGetAttribute");
        return new CudaKernels(kernelMatrix, kmeans, optIn[0]);
    }

    private void kmeans(CudaBackend backend, int n, int d, int k, List<CudaKernels> variants, String[] args) {
        Matrix host = randomMatrix(n, d, 1);
        try (CudaPreparedMatrix x = backend.prepare(host);
             CudaPreparedMatrix c = backend.prepare(randomMatrix(k, d, 2))) {
            host = null; // the rows are on the device now
            int rpb = CudaKMeans.rowsPerBlock(k);
            int blocks = (int) CudaKernels.ceilDiv(n, rpb);
            int gb = CudaKMeans.groupBlocks(k, d);
            int groups = (int) CudaKernels.ceilDiv(blocks, gb);
            long entries = (long) k * d + k + 1;
            try (Buffers buffers = new Buffers()) {
                CUdeviceptr labels = buffers.allocate((long) n * Integer.BYTES, "labels");
                CUdeviceptr dist = buffers.allocate((long) n * Double.BYTES, "distances");
                CUdeviceptr partials = buffers.allocate((long) blocks * entries * Double.BYTES, "partials");
                CUdeviceptr groupSums = buffers.allocate((long) groups * entries * Double.BYTES, "group sums");
                CudaKernels kn = device.kernels();
                double xBytes = (double) n * d * Double.BYTES;
                double flops = 2.0 * n * k * d;
                double s = median(() -> kn.lloyd(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k, rpb,
                        labels, dist, partials, true));
                report(String.format(Locale.ROOT, "kmeans_lloyd %,d x %d, k = %d (sums)", n, d, k), s,
                        xBytes + n * 12.0 + blocks * entries * 8.0, flops);
                s = median(() -> kn.lloyd(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k, rpb,
                        labels, dist, partials, false));
                report("kmeans_lloyd, no sums (inertia only)", s, xBytes + n * 12.0 + blocks * 8.0, flops);
                s = median(() -> kn.reduceGroups(stream, partials, blocks, entries, gb, groupSums));
                report("kmeans_reduce_groups of those partials", s, (blocks + groups) * entries * 8.0, 0);
                s = median(() -> kn.updateMin(stream, x.deviceRows(), n, d, c.deviceRows(), c.deviceNorms(), k, rpb, dist,
                        labels, partials));
                report("kmeans_update_min (k-means|| round)", s, xBytes + n * 12.0 + blocks * 8.0, flops);
                if (kn.rowsKernelsTake(k, d, true)) { // the one-row-per-thread kernels, which the backend uses here
                    s = median(() -> kn.lloydRows(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k,
                            labels, dist, partials, true));
                    report("kmeans_lloyd_rows (sums)", s, xBytes + n * 12.0 + blocks * entries * 8.0, flops);
                    s = median(() -> kn.lloydRows(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k,
                            labels, dist, partials, false));
                    report("kmeans_lloyd_rows, no sums (inertia only)", s, xBytes + n * 12.0 + blocks * 8.0, flops);
                    s = median(() -> kn.updateMinRows(stream, x.deviceRows(), n, d, c.deviceRows(), c.deviceNorms(), k, dist,
                            labels, partials));
                    report("kmeans_update_min_rows (k-means|| round)", s, xBytes + n * 12.0 + blocks * 8.0, flops);
                }
                kn.lloyd(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k, rpb, labels, dist, partials,
                        true);
                int[] shipped = download(labels, n);
                for (int v = 0; v < variants.size(); v++) {
                    CudaKernels kv = variants.get(v);
                    String name = Path.of(args[2 + v]).getFileName().toString();
                    s = median(() -> kv.lloydRows(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k,
                            labels, dist, partials, true));
                    if (!Arrays.equals(shipped, download(labels, n))) { // a variant timed while wrong is no result
                        throw new IllegalStateException(name + ": its labels differ from the shipped kernels'");
                    }
                    report("  " + name + ": kmeans_lloyd_rows (sums)", s, xBytes + n * 12.0 + blocks * entries * 8.0, flops);
                    s = median(() -> kv.lloydRows(stream, x.deviceRows(), n, d, null, c.deviceRows(), c.deviceNorms(), k,
                            labels, dist, partials, false));
                    report("  " + name + ": kmeans_lloyd_rows, no sums", s, xBytes + n * 12.0 + blocks * 8.0, flops);
                    s = median(() -> kv.updateMinRows(stream, x.deviceRows(), n, d, c.deviceRows(), c.deviceNorms(), k, dist,
                            labels, partials));
                    report("  " + name + ": kmeans_update_min_rows", s, xBytes + n * 12.0 + blocks * 8.0, flops);
                }
            }
        }
    }

    /** The labels on the device, on the host (to check a variant against the shipped kernels). */
    private int[] download(CUdeviceptr labels, int n) {
        sync();
        int[] out = new int[n];
        CudaCalls.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), labels, (long) n * Integer.BYTES), "cuMemcpyDtoH");
        return out;
    }

    private void kernelRows(CudaBackend backend, int n, int d) {
        try (CudaPreparedMatrix x = backend.prepare(randomMatrix(n, d, 3))) {
            KernelSpec rbf = KernelSpec.rbf(1.0 / d);
            CudaKernels kn = device.kernels();
            int[] batch = new SplittableRandom(4).ints(1024, 0, n).toArray();
            try (Buffers buffers = new Buffers()) {
                CUdeviceptr idx = buffers.allocate((long) batch.length * Integer.BYTES, "row indices");
                CUdeviceptr out = buffers.allocate((long) batch.length * n * Double.BYTES, "kernel values");
                CudaCalls.check(JCudaDriver.cuMemcpyHtoD(idx, Pointer.to(batch), (long) batch.length * Integer.BYTES),
                        "cuMemcpyHtoD");
                double xBytes = (double) n * d * Double.BYTES;
                for (int m : new int[]{1, 2, 8, 64, 1024}) {
                    for (boolean f32 : new boolean[]{false, true}) {
                        int outBytes = f32 ? Float.BYTES : Double.BYTES;
                        Runnable launch = () -> kn.kernelMatrix(stream, f32, rbf, x.deviceRows(), x.deviceNorms(), idx, m,
                                x.deviceRows(), x.deviceNorms(), n, d, out, n);
                        double s = median(launch);
                        String name = String.format(Locale.ROOT, "rbf kernel rows: %d of %,d x %d, %s", m, n, d,
                                f32 ? "float32 out" : "float64 out");
                        double bytes = xBytes + (double) m * n * outBytes;
                        double flops = 2.0 * m * n * d;
                        report(name, s, bytes, flops);
                        if (m <= 8) {
                            report("  the same, mean of " + BACK_TO_BACK + " back to back", backToBack(launch), bytes, flops);
                            System.out.printf(Locale.ROOT, "  host time to enqueue one launch (JCuda and the driver): %.1f us%n",
                                    enqueueSeconds * 1e6);
                            rows.get(rows.size() - 1).put("host_enqueue_seconds", enqueueSeconds);
                        }
                        if (m == 2 && !f32) {
                            reusedParameters(x, idx, m, n, d, rbf, out, bytes, flops);
                        }
                    }
                }
            }
        }
    }

    /**
     * The launch cost question of docs/cuda-next.md: the same launch as {@link CudaKernels#kernelMatrix},
     * with its parameter pointers built once and reused, so that the host time left is JCuda's launch
     * call and the driver's alone.
     */
    private void reusedParameters(CudaPreparedMatrix x, CUdeviceptr idx, int m, int n, int d, KernelSpec rbf,
                                  CUdeviceptr out, double bytes, double flops) {
        Runnable launch = device.kernels().kernelMatrixLaunch(stream, false, rbf, x.deviceRows(), x.deviceNorms(), idx, m,
                x.deviceRows(), x.deviceNorms(), n, d, out, n);
        report("  the same, parameters built once, " + BACK_TO_BACK + " back to back", backToBack(launch), bytes, flops);
        System.out.printf(Locale.ROOT, "  host time to enqueue one launch (JCuda and the driver): %.1f us%n",
                enqueueSeconds * 1e6);
        rows.get(rows.size() - 1).put("host_enqueue_seconds", enqueueSeconds);
    }

    private static Matrix randomMatrix(int n, int d, long seed) {
        double[] data = new double[Math.multiplyExact(n, d)];
        int chunk = 1 << 20;
        IntStream.range(0, (data.length + chunk - 1) / chunk).parallel().forEach(i -> {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            for (int j = i * chunk; j < Math.min(data.length, (i + 1) * chunk); j++) {
                data[j] = r.nextDouble(-10, 10);
            }
        });
        return Matrix.wrap(data, n, d);
    }

    /** Median seconds of {@value #REPS} launches, each between two events, after one warm-up. */
    private double median(Runnable launch) {
        double[] s = new double[REPS];
        launch.run();
        sync();
        for (int i = 0; i < REPS; i++) {
            s[i] = timed(launch, 1);
        }
        Arrays.sort(s);
        return s[REPS / 2];
    }

    /** Mean seconds per launch of {@value #BACK_TO_BACK} launches enqueued back to back. */
    private double backToBack(Runnable launch) {
        return timed(launch, BACK_TO_BACK) / BACK_TO_BACK;
    }

    /** Host seconds per launch of the last {@link #timed} call: enqueueing alone, without waiting. */
    private double enqueueSeconds;

    private double timed(Runnable launch, int times) {
        CUevent start = new CUevent();
        CUevent stop = new CUevent();
        CudaCalls.check(cuEventCreate(start, 0), "cuEventCreate");
        CudaCalls.check(cuEventCreate(stop, 0), "cuEventCreate");
        try {
            CudaCalls.check(cuEventRecord(start, stream), "cuEventRecord");
            long t0 = System.nanoTime();
            for (int i = 0; i < times; i++) {
                launch.run();
            }
            enqueueSeconds = (System.nanoTime() - t0) / 1e9 / times;
            CudaCalls.check(cuEventRecord(stop, stream), "cuEventRecord");
            CudaCalls.check(cuEventSynchronize(stop), "cuEventSynchronize");
            float[] ms = new float[1];
            CudaCalls.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
            return ms[0] / 1e3;
        } finally {
            cuEventDestroy(start);
            cuEventDestroy(stop);
        }
    }

    private void sync() {
        CudaCalls.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    private void report(String name, double seconds, double bytes, double flops) {
        double bw = bytes / seconds;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kernel", name.strip());
        r.put("seconds", seconds);
        r.put("bytes_per_second", bw);
        r.put("share_of_copy_bandwidth", copyBytesPerSecond > 0 ? bw / copyBytesPerSecond : Double.NaN);
        r.put("flops_per_second", flops / seconds);
        rows.add(r);
        System.out.printf(Locale.ROOT, "%-58s %10.1f us %9.1f GB/s %6.1f%% of copy %9.1f GFLOP/s%n", name, seconds * 1e6,
                bw / 1e9, 100 * bw / copyBytesPerSecond, flops / seconds / 1e9);
    }
}
