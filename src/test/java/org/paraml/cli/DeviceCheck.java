package org.paraml.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paraml.backend.Backend;
import org.paraml.backend.BackendInfo;
import org.paraml.backend.Backends;
import org.paraml.backend.PreparedMatrix;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Dataset;
import org.paraml.data.MakeBlobs;
import org.paraml.data.MakeClassification;
import org.paraml.linalg.Matrix;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;

/**
 * The fits of the GPU device check ({@code native/device-check.sh}), on each requested backend in
 * turn, timed side by side: an SVC fit (rbf) on {@code make_classification(n, d, random_state=0)}
 * with its training accuracy, a KMeans fit ({@code init_max_iter=3, oversampling_factor=10}) on
 * blobs around k centres ({@code make_blobs(k, d, centers=k, random_state=0)}'s), generated on all
 * cores as blocks of 200,000 rows with {@code random_state} = block number (as the Dask-ML tutorial
 * makes its blocks), and one Lloyd pass over rows the backend holds ({@code prepare} once, then
 * {@code lloydStep}), which is what the k-means kernels reach on their own. Backends are the bare ones ({@link Backends#byName}): no fallback hides a GPU failure.
 *
 * <pre>
 * DeviceCheck [--backends cuda,simd] [--threads N] [--svc-rows 50000] [--svc-features 20]
 *             [--kmeans-rows 20000000] [--kmeans-features 20] [--k 12] [--skip-svc] [--skip-kmeans]
 *             [--require cuda]
 * </pre>
 * A backend that is not available is reported and left out, so the check also runs (and proves a
 * pack) on a machine without a GPU. Prints a table, then one JSON object as the last line. The
 * backends named by {@code --require} (comma-separated) must be available: when one is not, the
 * others still run, the JSON says {@code "required_missing"}, and the exit status is 3 (the device
 * check requires cuda where nvidia-smi sees a GPU, so that a CUDA backend that did not come up
 * cannot pass as a run on simd alone).
 */
public final class DeviceCheck {
    private DeviceCheck() {
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the check; 0, or 3 when a backend named by {@code --require} is not available. */
    static int run(String[] args) {
        Map<String, String> o = options(args);
        int threads = Integer.parseInt(o.getOrDefault("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        PrintWriter out = new PrintWriter(System.out, true);
        List<String> names = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> unavailable = new LinkedHashMap<>();
        for (String name : o.getOrDefault("backends", "cuda,simd").split(",")) {
            BackendInfo info = Backends.describeAll().stream().filter(i -> i.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + name + "'"));
            out.printf("%-6s %s: %s%n", info.name(), info.available() ? "available" : "NOT available", info.reason());
            if (info.available()) {
                names.add(info.name());
            } else {
                unavailable.put(info.name(), info.reason());
            }
        }
        json.put("backends", names);
        json.put("unavailable", unavailable);
        json.put("threads", threads);
        json.put("java", Runtime.version().toString());
        List<String> missing = new ArrayList<>();
        for (String name : o.getOrDefault("require", "").split(",")) {
            if (!name.isBlank() && !names.contains(name.trim())) {
                missing.add(name.trim());
            }
        }
        if (!missing.isEmpty()) {
            json.put("required_missing", missing);
            out.printf("REQUIRED backend(s) not available: %s (see the reasons above); the others run, exit status 3%n",
                    String.join(", ", missing));
        }
        if (!o.containsKey("skip-svc")) {
            json.put("svc", svc(out, names, threads, intOption(o, "svc-rows", 50_000), intOption(o, "svc-features", 20)));
        }
        if (!o.containsKey("skip-kmeans")) {
            json.put("kmeans", kmeans(out, names, threads, intOption(o, "kmeans-rows", 20_000_000),
                    intOption(o, "kmeans-features", 20), intOption(o, "k", 12)));
        }
        out.println(JsonOutput.toJson(json));
        return missing.isEmpty() ? 0 : 3;
    }

    private static List<Map<String, Object>> svc(PrintWriter out, List<String> names, int threads, int n, int d) {
        long t0 = System.nanoTime();
        Dataset data = new MakeClassification().nSamples(n).nFeatures(d).randomState(0).generate();
        out.printf("%nSVC(kernel='rbf', random_state=0) on make_classification(%d, %d, random_state=0), made in %.1f s%n",
                n, d, seconds(t0));
        List<Map<String, Object>> rows = new ArrayList<>();
        int[] first = null;
        for (String name : names) {
            Backend b = Backends.byName(name);
            long t = System.nanoTime();
            SVCModel model = new SVC().randomState(0L).backend(b).threads(threads).fit(data.x(), data.y());
            double fit = seconds(t);
            t = System.nanoTime();
            int[] predicted = model.predict(data.x());
            double predict = seconds(t);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("backend", name);
            r.put("fit_seconds", fit);
            r.put("predict_seconds", predict);
            r.put("n_support", model.nSupport());
            r.put("accuracy", agreement(predicted, data.y()));
            if (first == null) {
                first = predicted;
            } else {
                r.put("predictions_equal_to_" + names.get(0), agreement(predicted, first));
            }
            rows.add(r);
            out.printf("  %-6s fit %8.2f s   predict %7.2f s   n_support %s   accuracy %.4f%n", name, fit, predict,
                    Arrays.toString(model.nSupport()), (double) r.get("accuracy"));
        }
        ratios(out, rows, "fit_seconds");
        return rows;
    }

    private static List<Map<String, Object>> kmeans(PrintWriter out, List<String> names, int threads, int n, int d, int k) {
        long t0 = System.nanoTime();
        Matrix x = blobs(n, d, k);
        out.printf("%nKMeans(n_clusters=%d, init_max_iter=3, oversampling_factor=10, random_state=0) on %d x %d blobs "
                + "around %d centres, made in %.1f s%n", k, n, d, k, seconds(t0));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            Backend b = Backends.byName(name);
            long t = System.nanoTime();
            KMeansModel model = new KMeans().nClusters(k).initMaxIter(3).oversamplingFactor(10)
                    .randomState(0L).threads(threads).backend(b).fit(x);
            double fit = seconds(t);
            // one Lloyd pass over rows the backend holds, against the fitted centres: the kernels on their own
            t = System.nanoTime();
            PreparedMatrix px = b.prepare(x);
            double prepare = seconds(t);
            PreparedMatrix c = b.prepare(model.clusterCenters());
            int[] labels = new int[n];
            double[] dist = new double[n];
            b.lloydStep(px, null, c, labels, dist, new double[k * d], new double[k], threads); // warm-up
            double[] pass = new double[5];
            for (int i = 0; i < pass.length; i++) {
                double[] sums = new double[k * d];
                double[] counts = new double[k];
                t = System.nanoTime();
                b.lloydStep(px, null, c, labels, dist, sums, counts, threads);
                pass[i] = seconds(t);
            }
            Arrays.sort(pass);
            double median = pass[2];
            double gbPerSecond = (double) n * d * Double.BYTES / median / 1e9;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("backend", name);
            r.put("fit_seconds", fit);
            r.put("inertia", model.inertia());
            r.put("n_iter", model.nIter());
            r.put("prepare_seconds", prepare);
            r.put("lloyd_pass_seconds", median);
            r.put("lloyd_pass_gb_per_second", gbPerSecond);
            rows.add(r);
            out.printf("  %-6s fit %8.2f s   inertia %.6e   n_iter %d   prepare %.2f s   Lloyd pass %.4f s (%.1f GB/s)%n",
                    name, fit, model.inertia(), model.nIter(), prepare, median, gbPerSecond);
        }
        ratios(out, rows, "fit_seconds");
        ratios(out, rows, "lloyd_pass_seconds");
        return rows;
    }

    /** n × d rows around k fixed centres, made in parallel blocks of 200,000 rows (random_state = block). */
    private static Matrix blobs(int n, int d, int k) {
        Matrix centres = new MakeBlobs().nSamples(k).nFeatures(d).centers(k).randomState(0).generateWithCenters().centers();
        int block = 200_000;
        double[] data = new double[Math.multiplyExact(n, d)];
        java.util.stream.IntStream.range(0, (n + block - 1) / block).parallel().forEach(i -> {
            int rows = Math.min(block, n - i * block);
            Matrix b = new MakeBlobs().nSamples(rows).centers(centres).randomState(i).generate().x();
            System.arraycopy(b.data(), 0, data, i * block * d, rows * d);
        });
        return Matrix.wrap(data, n, d);
    }

    /** Prints how many times faster the first backend is than each other one, on {@code key}. */
    private static void ratios(PrintWriter out, List<Map<String, Object>> rows, String key) {
        for (int i = 1; i < rows.size(); i++) {
            double a = (double) rows.get(0).get(key);
            double b = (double) rows.get(i).get(key);
            String speedup = String.format(Locale.ROOT, "%.2f", b / a);
            rows.get(0).put(key.replace("_seconds", "") + "_speedup_over_" + rows.get(i).get("backend"), b / a);
            out.printf("  %s: %s is %sx faster than %s%n", key, rows.get(0).get("backend"), speedup, rows.get(i).get("backend"));
        }
    }

    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return a.length == 0 ? 1.0 : same / (double) a.length;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int intOption(Map<String, String> o, String name, int fallback) {
        return o.containsKey(name) ? Integer.parseInt(o.get(name)) : fallback;
    }

    /** {@code --name value} and {@code --flag} into a map. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            boolean flag = name.startsWith("skip-");
            o.put(name, flag ? "true" : args[++i]);
        }
        return o;
    }
}
