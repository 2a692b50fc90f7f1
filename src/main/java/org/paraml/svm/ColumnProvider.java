package org.paraml.svm;

/**
 * The source of raw kernel values for one training problem: libsvm's {@code Kernel}, seen as
 * columns of the {@code l × l} kernel matrix {@code K}.
 *
 * <p>The provider keeps its own order of the {@code l} training points (libsvm's working
 * permutation): position {@code a} means "the point now at position a". {@link #swap(int, int)}
 * exchanges two positions; it is called by the solver when shrinking moves a point out of the
 * active set, so that the active points stay at positions {@code 0 .. activeSize-1} and every
 * column the solver reads is a contiguous prefix.
 *
 * <p>Implementations compute each value in float64 and round it to float32 when they store it
 * (libsvm's {@code Qfloat}). They are used by one solver thread at a time.
 */
interface ColumnProvider {
    /** The number of training points {@code l}. */
    int size();

    /** {@code K(x_a, x_a)} in float64 for the point at position {@code a} (libsvm's {@code QD}, before signs). */
    double diagonal(int a);

    /** Exchanges the points at positions {@code a} and {@code b}. */
    void swap(int a, int b);

    /**
     * Kernel columns for several positions in one call:
     * {@code out[r][j] = (float) K(x_{positions[r]}, x_j)} for {@code r < count}, {@code j < len}.
     * Elements of {@code out[r]} at or beyond {@code len} are not touched.
     *
     * @param positions positions of the columns wanted; only the first {@code count} are read
     * @param count     how many columns
     * @param len       how many leading rows of each column, {@code <= size()}
     * @param out       {@code count} arrays of length {@code >= len}, written
     */
    void columns(int[] positions, int count, int len, float[][] out);

    /**
     * {@link #columns(int[], int, int, float[][])} for columns whose first {@code from} values are
     * known already: writes at least {@code [from, len)} of each and returns the index from which
     * it wrote ({@code from}, or 0 when it rewrote the prefixes too). The default computes whole
     * columns.
     */
    default int columns(int[] positions, int count, int from, int len, float[][] out) {
        columns(positions, count, len, out);
        return 0;
    }

    /**
     * One column whose first {@code from} values are known already (a cached prefix being
     * extended): writes at least {@code out[j] = (float) K(x_position, x_j)} for
     * {@code from <= j < len}, and returns the index from which it wrote ({@code from}, or 0 when
     * it rewrote the whole prefix too). The default computes the whole column.
     */
    default int column(int position, int from, int len, float[] out) {
        columns(new int[] {position}, 1, len, new float[][] {out});
        return 0;
    }

    /**
     * {@link #column(int, int, int, float[])} with the signs of {@code Q = y yᵀ ∘ K} applied:
     * {@code out[j] = (float) K(x_position, x_j) · (sign · signs[j])} in float arithmetic for the
     * entries it writes. Returns the index from which it wrote. The default computes the column,
     * then multiplies; a provider that copies its values does both in one pass.
     */
    default int signedColumn(int position, int from, int len, float[] out, float sign, float[] signs) {
        int written = column(position, from, len, out);
        applySigns(out, sign, signs, written, len);
        return written;
    }

    /**
     * The signs of {@code Q = y yᵀ ∘ K} on kernel values already in {@code out}:
     * {@code out[j] *= sign · signs[j]} for {@code from <= j < to}, in float arithmetic.
     */
    static void applySigns(float[] out, float sign, float[] signs, int from, int to) {
        for (int j = from; j < to; j++) {
            out[j] *= sign * signs[j];
        }
    }

    /**
     * Whether {@link #signedColumnRange} may run on two threads at once, on disjoint ranges of one
     * column, after {@link #readyForRanges()}. False by default.
     */
    default boolean splitsColumns() {
        return false;
    }

    /** Prepares, on the calling thread, whatever {@link #signedColumnRange} calls share. */
    default void readyForRanges() {
    }

    /**
     * Exactly {@code out[j] = (float) K(x_position, x_j) · (sign · signs[j])} for {@code from <= j < to}
     * (nothing outside the range is written), for providers that {@link #splitsColumns() split columns}.
     */
    default void signedColumnRange(int position, int from, int to, float[] out, float sign, float[] signs) {
        throw new UnsupportedOperationException("this kernel provider does not split columns");
    }

    /**
     * Called once, before the first column is asked for, when the solver's cache can hold every
     * column: a provider that reads precomputed values may make the ones this solve can need ready in
     * a few batches (a search's shared rows). The solver still asks for columns as it needs them:
     * computing every column up front made single fits of 3,000-7,000 rows 1.3-2 times slower
     * (most solves never read most columns). Does nothing by default.
     */
    default void prepareWhole() {
    }
}
