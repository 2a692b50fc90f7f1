package org.paraml.backend;

import org.paraml.linalg.Matrix;

/**
 * What {@link FallbackBackend#prepare} makes: the matrix, prepared lazily for whichever of the two
 * backends a call runs on. Once the fallback is in use, the primary's preparation (which may hold
 * device memory) is dropped.
 */
final class FallbackPreparedMatrix implements PreparedMatrix {
    private final FallbackBackend owner;
    private final Matrix matrix;
    private volatile PreparedMatrix primary;
    private volatile PreparedMatrix fallback;

    FallbackPreparedMatrix(FallbackBackend owner, Matrix matrix) {
        this.owner = owner;
        this.matrix = matrix;
    }

    FallbackBackend owner() {
        return owner;
    }

    @Override
    public Matrix matrix() {
        return matrix;
    }

    @Override
    public double[] squaredNorms() {
        PreparedMatrix p = fallback;
        if (p == null) {
            p = primary;
        }
        return (p != null ? p : on(owner.current())).squaredNorms();
    }

    @Override
    public String backendName() {
        return owner.name();
    }

    /** This matrix prepared by {@code backend} (the owner's primary or fallback), made on first use. */
    PreparedMatrix on(Backend backend) {
        PreparedMatrix p = backend == owner.primary() ? primary : fallback;
        return p != null ? p : prepareOn(backend);
    }

    private synchronized PreparedMatrix prepareOn(Backend backend) {
        if (backend == owner.primary()) {
            if (primary == null) {
                primary = backend.prepare(matrix);
            }
            return primary;
        }
        if (fallback == null) {
            fallback = backend.prepare(matrix);
        }
        primary = null; // the primary is no longer used: let its resources go
        return fallback;
    }
}
