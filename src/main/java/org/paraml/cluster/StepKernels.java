package org.paraml.cluster;

import java.io.Serializable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;

/**
 * What a {@link BlockStep} computes with, on whichever JVM runs it: the fit's translation, the number of
 * features, and the backend — the fit's own backend object in the fitting JVM; after travelling to another
 * JVM (a Spark executor), the backend of the same name when that JVM has it (so that results are
 * identical), else {@link Backends#select()} there. Also pools per-block work arrays. Thread-safe.
 */
final class StepKernels implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(StepKernels.class.getName());

    /** Per-block work arrays, reused from block to block. */
    static final class Scratch {
        final int[] labels;
        final double[] dist;

        Scratch(int rows) {
            labels = new int[rows];
            dist = new double[rows];
        }
    }

    private final double[] shift;
    private final int cols;
    private final String backendName;
    private transient volatile ShiftedKernels kernels;
    private transient volatile ConcurrentHashMap<Integer, ConcurrentLinkedQueue<Scratch>> scratch;

    /** @param shift the fit's translation, or null */
    StepKernels(Backend backend, double[] shift, int cols) {
        this.shift = shift == null ? null : shift.clone();
        this.cols = cols;
        this.backendName = backend.name();
        this.kernels = new ShiftedKernels(backend, shift, cols);
    }

    /** The translated block operations. */
    ShiftedKernels kernels() {
        ShiftedKernels k = kernels;
        if (k == null) {
            synchronized (this) {
                k = kernels;
                if (k == null) {
                    k = new ShiftedKernels(remoteBackend(backendName), shift, cols);
                    kernels = k;
                }
            }
        }
        return k;
    }

    private static Backend remoteBackend(String name) {
        Backend selected = Backends.select();
        if (selected.name().equals(name)) {
            return selected;
        }
        try {
            return Backends.byName(name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "k-means steps: backend '" + name + "' of the fitting JVM is not "
                    + "available here (" + e.getMessage() + "); using " + selected.name()
                    + ": results agree within the backends' tolerance, not bit for bit");
            return selected;
        }
    }

    /** Work arrays of exactly {@code rows} entries. */
    Scratch takeScratch(int rows) {
        Scratch s = pool().computeIfAbsent(rows, r -> new ConcurrentLinkedQueue<>()).poll();
        return s != null ? s : new Scratch(rows);
    }

    void giveScratch(Scratch s) {
        pool().computeIfAbsent(s.labels.length, r -> new ConcurrentLinkedQueue<>()).offer(s);
    }

    private ConcurrentHashMap<Integer, ConcurrentLinkedQueue<Scratch>> pool() {
        ConcurrentHashMap<Integer, ConcurrentLinkedQueue<Scratch>> p = scratch;
        if (p == null) {
            synchronized (this) {
                p = scratch;
                if (p == null) {
                    p = new ConcurrentHashMap<>();
                    scratch = p;
                }
            }
        }
        return p;
    }
}
