package org.paraml.backend;

/** The plain-Java {@link SmoOps}: the reference loops, exactly as the interface describes them. */
final class ScalarSmoOps implements SmoOps {
    static final ScalarSmoOps INSTANCE = new ScalarSmoOps();

    private ScalarSmoOps() {
    }

    @Override
    public int argmaxUp(double[] g, double[] up, int from, int to) {
        double gmax = Double.NEGATIVE_INFINITY;
        int idx = -1;
        for (int t = from; t < to; t++) {
            double u = up[t];
            if (u != 0) {
                double v = u * g[t];
                if (v >= gmax) {
                    gmax = v;
                    idx = t;
                }
            }
        }
        return idx;
    }

    @Override
    public int argminSecondOrder(double[] g, double[] low, double[] qd, float[] qi, double gmax, double qdi,
                                 double twoYi, double tau, int from, int to, double[] result) {
        double gmax2 = Double.NEGATIVE_INFINITY;
        double objMin = Double.POSITIVE_INFINITY;
        int idx = -1;
        for (int t = from; t < to; t++) {
            double lt = low[t];
            if (lt != 0) {
                double w = lt * g[t];
                if (w >= gmax2) {
                    gmax2 = w;
                }
                double b = gmax + w;
                if (b > 0) {
                    double a = qdi + qd[t] - twoYi * lt * qi[t];
                    double obj = a > 0 ? -(b * b) / a : -(b * b) / tau;
                    if (obj <= objMin) {
                        objMin = obj;
                        idx = t;
                    }
                }
            }
        }
        result[0] = gmax2;
        result[1] = objMin;
        return idx;
    }

    @Override
    public void updateGradient(double[] g, float[] qi, double dai, float[] qj, double daj, int from, int to) {
        for (int k = from; k < to; k++) {
            g[k] += qi[k] * dai + qj[k] * daj;
        }
    }

    @Override
    public void addScaled(double[] v, float[] col, double s, int from, int to) {
        if (s >= 0) {
            for (int k = from; k < to; k++) {
                v[k] += s * col[k];
            }
        } else {
            double m = -s;
            for (int k = from; k < to; k++) {
                v[k] -= m * col[k];
            }
        }
    }

    @Override
    public void gather(float[] src, int base, int[] ord, float sign, float[] signs, float[] out, int from, int to) {
        if (signs == null) {
            for (int j = from; j < to; j++) {
                out[j] = src[ord[j] - base];
            }
        } else {
            for (int j = from; j < to; j++) {
                out[j] = src[ord[j] - base] * (sign * signs[j]);
            }
        }
    }

    @Override
    public void copy(float[] src, int srcFrom, float sign, float[] signs, float[] out, int from, int to) {
        if (signs == null) {
            System.arraycopy(src, srcFrom, out, from, Math.max(0, to - from));
            return;
        }
        for (int j = from, k = srcFrom; j < to; j++, k++) {
            out[j] = src[k] * (sign * signs[j]);
        }
    }

    @Override
    public void addTerms(float[] src, int srcFrom, double c, double[] sum, double[] magnitude, int at, int n) {
        for (int r = 0; r < n; r++) {
            double term = c * src[srcFrom + r];
            sum[at + r] += term;
            magnitude[at + r] += Math.abs(term);
        }
    }
}
