package org.paraml.estimator;

import java.util.List;
import java.util.Map;
import org.paraml.linalg.Matrix;

/**
 * A tiny clusterer for tests (one cluster): the centre is {@code scale} × the column means;
 * {@code score} is minus the inertia, as k-means'. Unsupervised: fit takes y = null.
 */
public final class OneMean implements Estimator {
    private final double scale;

    public OneMean() {
        this(1.0);
    }

    private OneMean(double scale) {
        this.scale = scale;
    }

    @Override
    public Map<String, Object> getParams() {
        return Map.of("scale", scale);
    }

    @Override
    public OneMean withParams(Map<String, ?> params) {
        ParameterNames.requireKnown("OneMean", params, List.of("scale"));
        Object v = params.get("scale");
        return v == null ? this : new OneMean(((Number) v).doubleValue());
    }

    @Override
    public OneMean threads(int n) {
        return this;
    }

    @Override
    public Model fit(Matrix x, int[] y) {
        if (y != null) {
            throw new IllegalArgumentException("OneMean is unsupervised: y must be None");
        }
        double[] c = new double[x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < c.length; j++) {
                c[j] += x.get(i, j);
            }
        }
        for (int j = 0; j < c.length; j++) {
            c[j] = scale * c[j] / x.rows();
        }
        return (xs, ys) -> {
            double inertia = 0;
            for (int i = 0; i < xs.rows(); i++) {
                for (int j = 0; j < c.length; j++) {
                    double d = xs.get(i, j) - c[j];
                    inertia += d * d;
                }
            }
            return -inertia;
        };
    }
}
