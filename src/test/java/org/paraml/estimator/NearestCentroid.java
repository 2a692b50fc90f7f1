package org.paraml.estimator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.paraml.data.Labels;
import org.paraml.linalg.Matrix;

/**
 * A small real classifier for tests: nearest centroid, each class centroid pulled towards the
 * overall mean by {@code shrink} (0..1), computed as numpy computes it (column means summed row by
 * row), so that it gives scikit-learn fixtures' exact scores. The same classifier is defined in
 * {@code make_selection_fixtures.py}.
 *
 * <p>Parameters: {@code shrink} (default 0.0) and {@code fail_above} (default 1.0): a fit with
 * {@code shrink > fail_above} throws, which makes failing candidates. A fit sleeps
 * {@code -Dparaml.test.fitDelayMs} milliseconds (default 0; interruptible), for journal and
 * cancellation tests. {@link #FITS} counts fits.
 */
public final class NearestCentroid implements ClassifierEstimator {
    /** How many fits were started in this JVM. */
    public static final AtomicInteger FITS = new AtomicInteger();
    private static final List<String> NAMES = List.of("fail_above", "shrink");

    private final double shrink;
    private final double failAbove;
    private final int threads;

    public NearestCentroid() {
        this(0.0, 1.0, 1);
    }

    private NearestCentroid(double shrink, double failAbove, int threads) {
        this.shrink = shrink;
        this.failAbove = failAbove;
        this.threads = threads;
    }

    @Override
    public Map<String, Object> getParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fail_above", failAbove);
        m.put("shrink", shrink);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public NearestCentroid withParams(Map<String, ?> params) {
        ParameterNames.requireKnown("NearestCentroid", params, NAMES);
        double s = shrink;
        double f = failAbove;
        for (Map.Entry<String, ?> e : params.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw new IllegalArgumentException("The '" + e.getKey() + "' parameter of NearestCentroid must be a "
                        + "float. Got " + e.getValue() + " instead.");
            }
            if (e.getKey().equals("shrink")) {
                s = n.doubleValue();
            } else {
                f = n.doubleValue();
            }
        }
        return new NearestCentroid(s, f, threads);
    }

    @Override
    public NearestCentroid threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        return new NearestCentroid(shrink, failAbove, n);
    }

    @Override
    public CentroidModel fit(Matrix x, int[] y) {
        FITS.incrementAndGet();
        long delay = Long.getLong("paraml.test.fitDelayMs", 0);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("fit interrupted", e);
            }
        }
        if (shrink > failAbove) {
            throw new IllegalArgumentException("shrink=" + shrink + " is above fail_above=" + failAbove);
        }
        int d = x.cols();
        int[] classes = Labels.classes(y);
        double[] overall = columnMeans(x, null, 0);
        double[][] centroids = new double[classes.length][];
        for (int k = 0; k < classes.length; k++) {
            double[] m = columnMeans(x, y, classes[k]);
            double[] c = new double[d];
            for (int j = 0; j < d; j++) {
                c[j] = (1.0 - shrink) * m[j] + shrink * overall[j];
            }
            centroids[k] = c;
        }
        return new CentroidModel(classes, centroids, threads);
    }

    private static double[] columnMeans(Matrix x, int[] y, int label) {
        double[] sum = new double[x.cols()];
        int n = 0;
        for (int i = 0; i < x.rows(); i++) {
            if (y == null || y[i] == label) {
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += x.get(i, j);
                }
                n++;
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= n;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "NearestCentroid(shrink=" + shrink + ", fail_above=" + failAbove + ")";
    }

    /** The fitted nearest-centroid classifier. */
    public static final class CentroidModel implements Classifier {
        private final int[] classes;
        private final double[][] centroids;
        private final int threads;

        CentroidModel(int[] classes, double[][] centroids, int threads) {
            this.classes = classes;
            this.centroids = centroids;
            this.threads = threads;
        }

        /** The kernel-thread budget the fit was given. */
        public int threads() {
            return threads;
        }

        @Override
        public int[] classes() {
            return classes.clone();
        }

        @Override
        public int[] predict(Matrix x) {
            int[] out = new int[x.rows()];
            for (int i = 0; i < x.rows(); i++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int k = 0; k < centroids.length; k++) {
                    double s = 0.;
                    for (int j = 0; j < x.cols(); j++) {
                        double diff = x.get(i, j) - centroids[k][j];
                        s += diff * diff;
                    }
                    if (s < bestD) {
                        bestD = s;
                        best = k;
                    }
                }
                out[i] = classes[best];
            }
            return out;
        }

        /** Minus the squared distance to each centroid (two classes: one column, class 1 minus class 0). */
        @Override
        public Matrix decisionFunction(Matrix x) {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < x.rows(); i++) {
                double[] d = new double[centroids.length];
                for (int k = 0; k < centroids.length; k++) {
                    double s = 0.;
                    for (int j = 0; j < x.cols(); j++) {
                        double diff = x.get(i, j) - centroids[k][j];
                        s += diff * diff;
                    }
                    d[k] = -s;
                }
                rows.add(centroids.length == 2 ? new double[] {d[1] - d[0]} : d);
            }
            return Matrix.of(rows.toArray(new double[0][]));
        }
    }
}
