package org.paraml.svm;

import org.paraml.estimator.SharedWork;

/**
 * The kernel caches' column arrays that the SVC fits of one search hand on to each other, held by the
 * search's {@link SharedWork} ({@link ColumnArrays#forSearch()}). Without it every fit fills new arrays:
 * at 10,000 rows a search allocated about 0.4 GB of them, which lived as long as their fit and so were
 * copied by young collections. Closed with the scope: the pooled arrays are dropped.
 */
final class SharedColumnArrays implements AutoCloseable {
    private final ColumnArrays arrays = ColumnArrays.forSearch();

    private SharedColumnArrays() {
    }

    /** The pool of {@code work}'s fits, or null when the scope is closed. */
    static ColumnArrays of(SharedWork work) {
        SharedColumnArrays r = work.resource(SharedColumnArrays.class, w -> new SharedColumnArrays());
        return r == null ? null : r.arrays;
    }

    @Override
    public void close() {
        arrays.close();
    }
}
