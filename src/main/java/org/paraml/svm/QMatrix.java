package org.paraml.svm;

/**
 * The matrix of the SMO dual, {@code Q_ab = y_a y_b K(x_a, x_b)}, as the solver reads it (libsvm's
 * {@code QMatrix}): float32 columns served from a cache, the float64 diagonal, and a position swap
 * that keeps the active set contiguous.
 */
interface QMatrix {
    /**
     * Column {@code a} of Q, at least its first {@code len} entries. The array may be longer than
     * {@code len} and is shared with the cache: callers read it and do not keep it past the next
     * {@link #swap(int, int)} or {@link #reuseColumnArrays()}.
     */
    float[] column(int a, int len);

    /**
     * {@link #column(int, int)}, with the missing values computed half here and half on
     * {@code partner} when the matrix can split a column (see {@link ColumnProvider#splitsColumns()});
     * the same values either way. By default the column is computed here.
     */
    default float[] column(int a, int len, SmoPartner partner) {
        return column(a, len);
    }

    /**
     * Makes sure the columns {@code positions[0 .. count)} hold at least {@code len} entries,
     * computing the missing ones in as few kernel calls as possible, and returns them in order.
     * The returned arrays follow the rules of {@link #column(int, int)}.
     */
    float[][] columns(int[] positions, int count, int len);

    /**
     * The entries {@code [from, len)} of columns {@code positions[0 .. count)} of Q, computed in as few
     * kernel calls as possible without the cache (neither read nor filled), into {@code out[r]}: the
     * values {@link #column(int, int)} would give. Entries of {@code out[r]} before {@code from} may be
     * written too; none at or beyond {@code len} is.
     */
    void columnsUncached(int[] positions, int count, int from, int len, float[][] out);

    /**
     * Whether the cache holds every full column: a column once computed is then never computed again,
     * and a solver does better to read full columns from it than to compute column parts elsewhere.
     */
    boolean cachesWholeMatrix();

    /** The diagonal {@code Q_aa = K(x_a, x_a)} in float64, indexed by position; swapped with the positions. */
    double[] diagonal();

    /** Exchanges positions {@code a} and {@code b} everywhere (kernel order, labels, diagonal, cached columns). */
    void swap(int a, int b);

    /**
     * Ends the solve: frees the cached columns (handing their arrays to the pool the matrix was made
     * with). No column array returned before may be used afterwards. Does nothing by default.
     */
    default void release() {
    }

    /**
     * The caller reads no column array returned before (until it asks for columns again): the matrix may reuse
     * the arrays of the columns it let go of since the last call. Does nothing by default.
     */
    default void reuseColumnArrays() {
    }
}
