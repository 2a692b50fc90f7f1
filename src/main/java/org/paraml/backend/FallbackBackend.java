package org.paraml.backend;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.paraml.linalg.Matrix;

/**
 * A backend that runs on a primary backend (the GPU) until that fails at run time, then on a
 * fallback (SIMD or scalar) for the rest of its life: how an automatically chosen CUDA backend
 * survives running out of device memory, or a device error, in the middle of a fit.
 *
 * <p>Each operation goes to the primary; when it throws {@link BackendFailureException} the failure
 * is logged once (WARNING, logger {@code org.paraml.backend}), the operation is repeated on the
 * fallback (which {@link BackendFailureException} documents as safe), and every later operation goes
 * to the fallback directly. The switch is sticky: a device that failed once is not trusted again,
 * and results do not alternate between backends. Other exceptions (bad arguments) pass through.
 *
 * <p>Matrices prepared here are prepared for the backend in use when an operation needs them, so a
 * fit that holds prepared matrices across the switch carries on. They are accepted by this backend
 * only. Thread-safe when both backends are.
 */
public final class FallbackBackend implements Backend {
    private static final System.Logger LOG = System.getLogger("org.paraml.backend");

    private final Backend primary;
    private final Backend fallback;
    private final AtomicReference<BackendFailureException> failure = new AtomicReference<>();

    /**
     * @param primary  the backend to use while it works (e.g. cuda)
     * @param fallback the backend to use after the primary failed (e.g. simd); must not fail itself
     */
    public FallbackBackend(Backend primary, Backend fallback) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        if (primary == fallback) {
            throw new IllegalArgumentException("primary and fallback must be different backends");
        }
    }

    /** The name of the backend in use now: the primary's until it fails, then the fallback's. */
    @Override
    public String name() {
        return current().name();
    }

    /** The backend that operations go to now. */
    public Backend current() {
        return failure.get() == null ? primary : fallback;
    }

    /** The backend used while it works. */
    public Backend primary() {
        return primary;
    }

    /** The backend used after the primary failed. */
    public Backend fallback() {
        return fallback;
    }

    /** The primary's failure that made this backend switch, if it did. */
    public Optional<BackendFailureException> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public PreparedMatrix prepare(Matrix x) {
        Objects.requireNonNull(x, "x");
        FallbackPreparedMatrix p = new FallbackPreparedMatrix(this, x);
        run(b -> p.on(b)); // prepared now, so that running out of memory here already switches
        return p;
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len, float[] out, int outOffset,
                           int outStride, int threads) {
        FallbackPreparedMatrix px = own(x, "x");
        run(b -> {
            b.kernelRows(kernel, px.on(b), rows, len, out, outOffset, outStride, threads);
            return null;
        });
    }

    /** The range form of the backend in use: a primary without one computes whole prefixes, the fallback may not. */
    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int from, int len, float[] out,
                           int outOffset, int outStride, int threads) {
        FallbackPreparedMatrix px = own(x, "x");
        run(b -> {
            b.kernelRows(kernel, px.on(b), rows, from, len, out, outOffset, outStride, threads);
            return null;
        });
    }

    /** Whether the backend in use now computes ranges alone (it may change when the primary fails). */
    @Override
    public boolean computesRangesAlone() {
        return current().computesRangesAlone();
    }

    @Override
    public void kernelRows(KernelSpec kernel, PreparedMatrix x, int[] rows, int len, double[] out, int outOffset,
                           int outStride, int threads) {
        FallbackPreparedMatrix px = own(x, "x");
        run(b -> {
            b.kernelRows(kernel, px.on(b), rows, len, out, outOffset, outStride, threads);
            return null;
        });
    }

    @Override
    public void kernelBlock(KernelSpec kernel, PreparedMatrix a, PreparedMatrix b, double[] out, int outOffset,
                            int threads) {
        FallbackPreparedMatrix pa = own(a, "a");
        FallbackPreparedMatrix pb = own(b, "b");
        run(be -> {
            be.kernelBlock(kernel, pa.on(be), pb.on(be), out, outOffset, threads);
            return null;
        });
    }

    @Override
    public double lloydStep(Matrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        FallbackPreparedMatrix pc = own(centers, "centers");
        return run(b -> b.lloydStep(x, sampleWeight, pc.on(b), labels, distances, sums, counts, threads));
    }

    @Override
    public double lloydStep(PreparedMatrix x, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        FallbackPreparedMatrix px = own(x, "x");
        FallbackPreparedMatrix pc = own(centers, "centers");
        return run(b -> b.lloydStep(px.on(b), sampleWeight, pc.on(b), labels, distances, sums, counts, threads));
    }

    @Override
    public double lloydStep(Matrix x, double[] shift, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                            double[] distances, double[] sums, double[] counts, int threads) {
        FallbackPreparedMatrix pc = own(centers, "centers");
        return run(b -> b.lloydStep(x, shift, sampleWeight, pc.on(b), labels, distances, sums, counts, threads));
    }

    @Override
    public double updateMinDistances(Matrix x, double[] shift, PreparedMatrix centers, double[] minDistances,
                                     int[] argmin, int argminBase, int threads) {
        FallbackPreparedMatrix pc = own(centers, "centers");
        return run(b -> b.updateMinDistances(x, shift, pc.on(b), minDistances, argmin, argminBase, threads));
    }

    @Override
    public double updateMinDistances(Matrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        FallbackPreparedMatrix pc = own(centers, "centers");
        return run(b -> b.updateMinDistances(x, pc.on(b), minDistances, argmin, argminBase, threads));
    }

    @Override
    public double updateMinDistances(PreparedMatrix x, PreparedMatrix centers, double[] minDistances, int[] argmin,
                                     int argminBase, int threads) {
        FallbackPreparedMatrix px = own(x, "x");
        FallbackPreparedMatrix pc = own(centers, "centers");
        return run(b -> b.updateMinDistances(px.on(b), pc.on(b), minDistances, argmin, argminBase, threads));
    }

    @Override
    public String toString() {
        return "FallbackBackend[" + primary.name() + " then " + fallback.name() + ", in use: " + current().name() + "]";
    }

    /** An operation on one backend. */
    private interface Operation<T> {
        T on(Backend backend);
    }

    private <T> T run(Operation<T> op) {
        if (failure.get() == null) {
            try {
                return op.on(primary);
            } catch (BackendFailureException e) {
                if (failure.compareAndSet(null, e)) {
                    LOG.log(System.Logger.Level.WARNING, "paraml backend: " + primary.name() + " failed ("
                            + e.getMessage() + "); continuing on " + fallback.name());
                }
            }
        }
        return op.on(fallback);
    }

    private FallbackPreparedMatrix own(PreparedMatrix p, String name) {
        Objects.requireNonNull(p, name);
        if (p instanceof FallbackPreparedMatrix f && f.owner() == this) {
            return f;
        }
        throw new IllegalArgumentException(name + " was prepared by the " + p.backendName() + " backend; this "
                + primary.name() + "-then-" + fallback.name() + " backend needs a matrix from its own prepare(Matrix)");
    }
}
