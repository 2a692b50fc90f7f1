package org.paraml.backend;

/**
 * The O(n) loops of one step of libsvm's SMO solver (the working-set selection and the gradient
 * update), over a range {@code [from, to)} of the solver's positions (a solver that splits its
 * active positions between two threads runs each loop once per part and combines the parts).
 * Positions are described by plain arrays:
 * {@code g} the gradient, {@code up[t]} = {@code −y_t} when t is in {@code I_up(α)} and 0 otherwise,
 * {@code low[t]} = {@code y_t} when t is in {@code I_low(α)} and 0 otherwise ({@code y_t = ±1}).
 *
 * <p><b>Identical results.</b> Every implementation returns exactly what the scalar loops in this
 * interface's documentation return, bit for bit, for finite inputs: the same index (ties go to the
 * largest index, as a forward scan that keeps the last of equal values), the same arithmetic per
 * element in the same order, no fused multiply-add. So the choice of implementation never changes
 * a model. {@link #scalar()} is the plain-Java reference; {@link #vector()} is the Vector API version
 * when the module {@code jdk.incubator.vector} is readable (chosen once, like {@link Backends});
 * {@link #best()} runs each loop in the one of the two that is faster at the time (see {@link #best()}).
 *
 * <p>Implementations are thread-safe, and their results depend on nothing but their arguments.
 */
public interface SmoOps {
    /**
     * The first index of the second-order working-set selection (WSS3):
     * <pre>i = argmax { up[t]·g[t] : from ≤ t &lt; to, up[t] ≠ 0 }</pre>
     * the largest such t among equal maxima.
     *
     * @return i, or −1 when every {@code up[t]} in the range is 0
     */
    int argmaxUp(double[] g, double[] up, int from, int to);

    /**
     * The second index of WSS3 for a first index i with {@code gmax = up[i]·g[i]}: over the
     * t in {@code [from, to)} with {@code low[t] ≠ 0},
     * <pre>
     *   w_t   = low[t]·g[t]                       result[0] = max_t w_t   (−∞ when there is no such t)
     *   b_t   = gmax + w_t                        only the t with b_t &gt; 0 are candidates:
     *   a_t   = (qdi + qd[t]) − (twoYi·low[t])·qi[t]
     *   obj_t = −(b_t·b_t) / a_t   if a_t &gt; 0,   −(b_t·b_t) / tau otherwise
     *   j     = argmin obj_t over the candidates (the largest t among equal minima)
     * </pre>
     * with {@code qi[t]} promoted from float exactly. {@code twoYi} is {@code 2·y_i}.
     *
     * @param result  {@code result[0]} receives the maximum of {@code w_t}, {@code result[1]} the
     *                objective {@code obj_j} (+∞ when there is no candidate)
     * @return j, or −1 when no t is a candidate
     */
    int argminSecondOrder(double[] g, double[] low, double[] qd, float[] qi, double gmax, double qdi, double twoYi,
                          double tau, int from, int to, double[] result);

    /** {@code g[k] += qi[k]·dai + qj[k]·daj} for {@code from <= k < to}, products and sums rounded one by one. */
    void updateGradient(double[] g, float[] qi, double dai, float[] qj, double daj, int from, int to);

    /**
     * {@code v[k] += s·col[k]} for {@code from <= k < to}; when {@code s < 0} it is computed as
     * {@code v[k] −= (−s)·col[k]} (the same value).
     */
    void addScaled(double[] v, float[] col, double s, int from, int to);

    /**
     * A step's {@link #updateGradient} and its {@code G_bar} updates in one pass over {@code [from, to)}:
     * {@code g[k] += qi[k]·dai + qj[k]·daj}, then {@code gBar[k] += si·qi[k]} when {@code barI} and
     * {@code gBar[k] += sj·qj[k]} when {@code barJ} (each as {@link #addScaled} computes it, i's before j's),
     * bit for bit the separate calls. One pass reads each column once where three passes read it twice and
     * {@code gBar} twice.
     */
    default void updateGradientAndBar(double[] g, float[] qi, double dai, float[] qj, double daj, double[] gBar,
                                      boolean barI, double si, boolean barJ, double sj, int from, int to) {
        updateGradient(g, qi, dai, qj, daj, from, to);
        if (barI) {
            addScaled(gBar, qi, si, from, to);
        }
        if (barJ) {
            addScaled(gBar, qj, sj, from, to);
        }
    }

    /**
     * A gather of kernel values, as a solver reads its columns from a shared kernel matrix:
     * <pre>out[j] = src[ord[j] − base] · (sign · signs[j])   for from ≤ j &lt; to</pre>
     * with the product {@code sign · signs[j]} rounded first (float32 throughout). With
     * {@code signs == null} it is the plain copy {@code out[j] = src[ord[j] − base]}.
     */
    void gather(float[] src, int base, int[] ord, float sign, float[] signs, float[] out, int from, int to);

    /**
     * {@link #gather} for a run of consecutive source positions, as a solver reads a stretch of its column
     * that lies in order in the matrix it reads from:
     * <pre>out[j] = src[srcFrom + j − from] · (sign · signs[j])   for from ≤ j &lt; to</pre>
     * with the same roundings as {@code gather}; with {@code signs == null} a plain copy.
     */
    void copy(float[] src, int srcFrom, float sign, float[] signs, float[] out, int from, int to);

    /**
     * One support vector's terms of the pair sums of a block of rows, as a search scores a model from
     * its shared float32 kernel matrix:
     * <pre>term = c · (double) src[srcFrom + r];  sum[at + r] += term;  magnitude[at + r] += |term|   for 0 ≤ r &lt; n</pre>
     * each operation rounded to float64 on its own (no fused multiply-add), so that every row's sums
     * are those of a scalar loop over the support vectors in the same order.
     */
    void addTerms(float[] src, int srcFrom, double c, double[] sum, double[] magnitude, int at, int n);

    /** The plain-Java reference implementation. */
    static SmoOps scalar() {
        return ScalarSmoOps.INSTANCE;
    }

    /**
     * The fastest implementation available in this JVM: where the module {@code jdk.incubator.vector} is
     * readable, each loop runs in scalar form until the JIT has compiled its Vector API form, then in that
     * form (both give the same bits); else the scalar reference.
     */
    static SmoOps best() {
        return SmoOpsHolder.BEST;
    }

    /**
     * The Vector API loops themselves, compiled or not (the scalar reference when the module
     * {@code jdk.incubator.vector} is not readable): for tests and benchmarks that must run them.
     */
    static SmoOps vector() {
        return SmoOpsHolder.VECTOR;
    }

    /**
     * The implementation that goes with {@code backend}: the scalar reference for the scalar
     * backend (so that a "scalar" run uses no Vector API at all), else {@link #best()}. The results
     * are the same either way.
     */
    static SmoOps forBackend(Backend backend) {
        return backend != null && ScalarBackend.NAME.equals(backend.name()) ? scalar() : best();
    }
}
