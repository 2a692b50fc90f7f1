package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * The numeric operations that SVC (libsvm-style SMO) and KMeans spend their time in, evaluated in
 * batches of rows so that one call amortises its set-up (and, on a GPU, its transfers).
 *
 * <p><b>Threads.</b> Every operation takes a thread budget {@code threads >= 1} from its caller:
 * {@code threads == 1} runs entirely in the calling thread; larger budgets use at most that many
 * threads (the caller's plus helpers from one shared daemon pool). Implementations hold no mutable
 * state and take no global lock: any number of threads may call one backend at once.
 *
 * <p><b>Determinism.</b> Kernel values and k-means labels and distances are computed per element,
 * independently of {@code threads}. Sums (k-means centre sums, counts, inertia) are accumulated over
 * fixed-size row chunks that do not depend on {@code threads} and reduced in chunk order, so every
 * thread count gives bit-identical results on one backend.
 *
 * <p><b>Agreement.</b> Every implementation agrees with {@link ScalarBackend}, the reference,
 * within {@link #RELATIVE_TOLERANCE} relative error with an absolute floor of
 * {@link #ABSOLUTE_TOLERANCE} (for data of unit scale): {@code |v − ref| <= RELATIVE_TOLERANCE·|ref|
 * + ABSOLUTE_TOLERANCE}. float32 outputs add one float rounding. k-means labels agree except at
 * near-ties (two centres whose distances differ by less than that tolerance).
 *
 * <p><b>Validation.</b> Arguments are checked (shapes, lengths, index ranges, the owner of a
 * {@link PreparedMatrix}) and violations throw {@link IllegalArgumentException} or
 * {@link IndexOutOfBoundsException} naming the argument. Values are not checked for NaN or infinity
 * (estimators do that once at their boundary).
 *
 * <p><b>Failure.</b> A backend that cannot complete an operation for a reason other than its
 * arguments (a GPU out of memory, a device error) throws {@link BackendFailureException}, leaving
 * the caller's accumulators untouched, so that the operation can be repeated on another backend;
 * {@link FallbackBackend} does that.
 */
public interface Backend {
    /** Relative tolerance of agreement with {@link ScalarBackend} for float64 results. */
    double RELATIVE_TOLERANCE = 1e-9;
    /** Absolute floor of the tolerance, for results near zero (data of unit scale). */
    double ABSOLUTE_TOLERANCE = 1e-9;

    /** Short lower-case name, as {@code -Dparaml.backend} spells it: "scalar", "simd", "cuda". */
    String name();

    /**
     * Prepares {@code x} (a matrix or a row view) for this backend's kernels: computes the squared
     * row norms and any layout the backend needs. Costs one pass over {@code x}; a fit prepares its
     * training matrix once. {@code x} is not modified and must not be modified while the result is used.
     */
    PreparedMatrix prepare(Matrix x);

    /**
     * Kernel rows, as an SMO kernel cache asks for them (libsvm's {@code get_Q(i, len)}):
     * <pre>out[outOffset + r·outStride + j] = (float) K(x_{rows[r]}, x_j)   for r &lt; rows.length, j &lt; len</pre>
     * where {@code x_i} is row i of {@code x.matrix()}. Only the first {@code len} columns are
     * computed (shrinking); other elements of {@code out} are not touched.
     *
     * @param kernel    the kernel function
     * @param x         the prepared matrix, both the rows asked for and the columns they meet
     * @param rows      row indices in {@code [0, x.rows())}, not modified
     * @param len       number of columns, {@code 0 <= len <= x.rows()}
     * @param out       output, modified in the elements above; {@code out.length >= outOffset + (rows.length−1)·outStride + len}
     * @param outOffset index in {@code out} of element (0, 0)
     * @param outStride distance in {@code out} between consecutive output rows, {@code >= len}
     * @param threads   thread budget, {@code >= 1}
     */
    void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len,
                    float[] out, int outOffset, int outStride, int threads);

    /**
     * {@link #kernelRows(KernelSpec, PreparedMatrix, int[], int, float[], int, int, int)} for the
     * columns {@code from <= j < len} only, as an SMO cache asks when it extends a cached prefix
     * {@code [0, from)} of a column (libsvm's {@code get_Q} fills only the new tail):
     * <pre>out[outOffset + r·outStride + j] = (float) K(x_{rows[r]}, x_j)   for r &lt; rows.length, from &lt;= j &lt; len</pre>
     * with the same values as the whole row; other elements of {@code out}, the prefix included,
     * are not touched. The default computes the whole rows into a temporary array and copies the
     * range; backends override it to compute the range alone.
     *
     * @param from first column, {@code 0 <= from <= len}
     */
    default void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int from, int len,
                            float[] out, int outOffset, int outStride, int threads) {
        BackendArgs.checkColumnRange(from, len);
        BackendArgs.checkKernelRows(kernel, x, rows, len, out.length, outOffset, outStride, threads);
        if (rows.length == 0 || from == len) {
            return;
        }
        float[] tmp = new float[rows.length * len];
        kernelRows(kernel, x, rows, len, tmp, 0, len, threads);
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(tmp, r * len + from, out, outOffset + r * outStride + from, len - from);
        }
    }

    /**
     * Whether the range form of {@link #kernelRows(KernelSpec, PreparedMatrix, int[], int, int, float[], int, int,
     * int) kernelRows} computes the columns {@code [from, len)} alone, at a cost in proportion to their number. A
     * caller may then cut one row into ranges that several threads compute (an SMO solve and its partner share a
     * new kernel column in chunks); with the default range form, which computes the whole prefix {@code [0, len)}
     * for every range, each chunk would cost up to a whole row. False by default.
     */
    default boolean computesRangesAlone() {
        return false;
    }

    /** As {@link #kernelRows(KernelSpec, PreparedMatrix, int[], int, float[], int, int, int)}, in float64. */
    void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len,
                    double[] out, int outOffset, int outStride, int threads);

    /**
     * A kernel block, for prediction against support vectors and for whole Gram matrices:
     * <pre>out[outOffset + i·b.rows() + j] = K(a_i, b_j)   for i &lt; a.rows(), j &lt; b.rows()</pre>
     * (row-major {@code a.rows() × b.rows()}). {@code a} and {@code b} must have the same number of
     * columns; both may be the same prepared matrix.
     *
     * @param out     output, modified in the elements above; {@code out.length >= outOffset + a.rows()·b.rows()}
     * @param threads thread budget, {@code >= 1}
     */
    void kernelBlock(KernelSpec kernel, PreparedMatrix a, PreparedMatrix b, double[] out, int outOffset, int threads);

    /**
     * One Lloyd step over a block of rows: each row's nearest centre and squared distance, and the
     * per-centre weighted sums and counts, added into the caller's accumulators (so a caller sums
     * many blocks into one pair of arrays).
     *
     * <p>For each row i of {@code x} (k = {@code centers.rows()}, d = {@code x.cols()}, w_i =
     * {@code sampleWeight[i]} or 1 when {@code sampleWeight} is null):
     * <pre>
     * labels[i]    = argmin_c ‖x_i − c‖²        (ties: the lowest index c, as scikit-learn)
     * distances[i] = ‖x_i − centers_{labels[i]}‖²
     * sums[c·d + j] += Σ_{i: labels[i]=c} w_i·x_ij
     * counts[c]     += Σ_{i: labels[i]=c} w_i
     * return         Σ_i w_i·distances[i]        (the block's inertia)
     * </pre>
     * Distances are accurate: backends may pick the nearest centre from {@code ‖c‖² − 2⟨x, c⟩}
     * (precomputed norms), but the reported distance is recomputed directly as
     * {@code Σ_j (x_ij − c_j)²} for the chosen centre, so no cancellation reaches it.
     *
     * @param x            the block of rows (a matrix or row view), not modified
     * @param sampleWeight per-row weights (length x.rows()), or null for all ones; not modified
     * @param centers      the k centres, prepared by this backend, with x.cols() columns
     * @param labels       output (length x.rows()), overwritten; or null if not wanted
     * @param distances    output (length x.rows()), overwritten; or null if not wanted
     * @param sums         accumulator (length k·d, row-major k × d), added to; or null if not wanted
     * @param counts       accumulator (length k), added to; or null if not wanted
     * @param threads      thread budget, {@code >= 1}
     * @return the weighted inertia of this block
     */
    double lloydStep(Matrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels, double[] distances,
                     double[] sums, double[] counts, int threads);

    /**
     * {@link #lloydStep(Matrix, double[], PreparedMatrix, int[], double[], double[], double[], int)}
     * on rows prepared by this backend, for data held in memory across iterations: a backend may
     * read a layout made once by {@link #prepare(Matrix)} (the SIMD backend reads row tiles instead
     * of transposing every pass). Results are identical to the {@link Matrix} form on
     * {@code x.matrix()}.
     */
    default double lloydStep(PreparedMatrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                             double[] distances, double[] sums, double[] counts, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        return lloydStep(x.matrix(), sampleWeight, centers, labels, distances, sums, counts, threads);
    }

    /**
     * The k-means|| cost update: lowers each row's current minimum squared distance against a set of
     * new centres.
     * <pre>
     * for each row i, with c* = argmin_c ‖x_i − c‖² over the new centres (ties: lowest index):
     *   if ‖x_i − c*‖² &lt; minDistances[i]:  minDistances[i] = ‖x_i − c*‖²;  argmin[i] = argminBase + c*
     * return Σ_i minDistances[i]   (after the update, summed in fixed chunk order)
     * </pre>
     * Start with {@code minDistances} filled with {@code +∞}. The reported distances are exact as
     * in {@link #lloydStep}. A new centre equal in distance to the current minimum does not replace it.
     *
     * @param x            the block of rows, not modified
     * @param centers      the new centres, prepared by this backend, with x.cols() columns
     * @param minDistances current minimum squared distances (length x.rows()), modified
     * @param argmin       current nearest-centre indices (length x.rows()), modified; or null if not wanted
     * @param argminBase   the index that the first new centre has in the caller's numbering
     * @param threads      thread budget, {@code >= 1}
     * @return the total cost {@code Σ_i minDistances[i]} after the update
     */
    double updateMinDistances(Matrix x, PreparedMatrix centers, double[] minDistances, int[] argmin, int argminBase,
                              int threads);

    /**
     * {@link #updateMinDistances(Matrix, PreparedMatrix, double[], int[], int, int)} on rows {@code [from, to)}
     * of {@code x}, in the calling thread, with {@code minDistances} and {@code argmin} indexed by the row of
     * {@code x} (entries outside {@code [from, to)} are left alone): the same values as the full form on
     * {@code x.rowRange(from, to)}, for callers that update many small runs of one buffer and keep one pair of
     * arrays for all of them. This default copies the run's entries through the full form; the CPU backends
     * override it without copies.
     *
     * @param minDistances current minimum squared distances, at least {@code to} long, modified in {@code [from, to)}
     * @param argmin       current nearest-centre indices, at least {@code to} long, or null if not wanted
     */
    default void updateMinDistances(Matrix x, int from, int to, PreparedMatrix centers, double[] minDistances,
                                    int[] argmin, int argminBase) {
        BackendArgs.checkRowRange(x, from, to, centers, minDistances, argmin);
        int m = to - from;
        double[] dist = java.util.Arrays.copyOfRange(minDistances, from, to);
        int[] arg = argmin == null ? null : java.util.Arrays.copyOfRange(argmin, from, to);
        updateMinDistances(x.rowRange(from, to), centers, dist, arg, argminBase, 1);
        System.arraycopy(dist, 0, minDistances, from, m);
        if (arg != null) {
            System.arraycopy(arg, 0, argmin, from, m);
        }
    }

    /**
     * {@link #updateMinDistances(Matrix, PreparedMatrix, double[], int[], int, int)} on rows
     * prepared by this backend (see {@link #lloydStep(PreparedMatrix, double[], PreparedMatrix,
     * int[], double[], double[], double[], int)}); results identical to the {@link Matrix} form.
     */
    default double updateMinDistances(PreparedMatrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                      int argminBase, int threads) {
        BackendArgs.checkOwner(x, this, "x");
        return updateMinDistances(x.matrix(), centers, minDistances, argmin, argminBase, threads);
    }

    /**
     * {@link #lloydStep(Matrix, double[], PreparedMatrix, int[], double[], double[], double[], int)} on
     * the translated rows {@code x_i − shift} (a k-means fit translates its data by the mean of the first
     * rows so that the score {@code ‖c‖² − 2⟨x, c⟩} keeps its precision on data far from the origin):
     * every output is exactly what that method gives on a copy of {@code x} with {@code shift}
     * subtracted from every row ({@code x_ij − shift_j}, rounded once), without the copy where the
     * backend can translate while it reads (the SIMD backend does it in its transpose). {@code centers},
     * {@code sums} and the distances are in translated coordinates. The caller's {@code sums} and
     * {@code counts} are added to only when the whole step succeeds.
     *
     * @param shift the translation, {@code x.cols()} values, not modified; null for none
     */
    default double lloydStep(Matrix x, double[] shift, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                             double[] distances, double[] sums, double[] counts, int threads) {
        if (shift == null) {
            return lloydStep(x, sampleWeight, centers, labels, distances, sums, counts, threads);
        }
        BackendArgs.checkShift(x, shift);
        return TranslatedRows.lloydStep(this, x, shift, sampleWeight, centers, labels, distances, sums, counts,
                threads);
    }

    /**
     * {@link #updateMinDistances(Matrix, PreparedMatrix, double[], int[], int, int)} on the translated rows
     * {@code x_i − shift}, exactly as on a translated copy of {@code x} (see {@link #lloydStep(Matrix,
     * double[], double[], PreparedMatrix, int[], double[], double[], double[], int)}).
     *
     * @param shift the translation, {@code x.cols()} values, not modified; null for none
     */
    default double updateMinDistances(Matrix x, double[] shift, PreparedMatrix centers, double[] minDistances,
                                      int[] argmin, int argminBase, int threads) {
        if (shift == null) {
            return updateMinDistances(x, centers, minDistances, argmin, argminBase, threads);
        }
        BackendArgs.checkShift(x, shift);
        return TranslatedRows.updateMinDistances(this, x, shift, centers, minDistances, argmin, argminBase, threads);
    }
}
