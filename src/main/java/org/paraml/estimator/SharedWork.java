package org.paraml.estimator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.paraml.linalg.Matrix;

/**
 * Work that the fits of one search share: values computed from the search's data that do not
 * depend on the parameters being searched. For SVC these are kernel matrices: one kernel (its type
 * and resolved parameters) serves every C, every fold and the probability calibration, so its
 * values over the whole data set are computed once instead of once per fit.
 *
 * <p><b>Lifetime.</b> A search opens one over its data ({@link #open(Matrix)}), hands it to every
 * fit through {@link Estimator#sharing(SharedWork)}, and closes it when the search ends, also
 * when it fails or is cancelled. {@link #close()} drops everything held (the memory is released)
 * and makes the object inert: a fit that is given a closed one computes what it needs itself. A
 * fitted model never keeps it.
 *
 * <p><b>Memory.</b> Everything held is counted against one budget in bytes
 * ({@link #tryReserve}/{@link #release}): by default {@value #DEFAULT_BUDGET_MB} MiB, at most a
 * quarter of the JVM's maximum heap; the system property {@value #BUDGET_PROPERTY} (MiB) changes
 * the default, and a search can set its own ({@code sharedWorkMb}). A budget of 0 shares nothing.
 * Estimators decide what fits: SVC keeps a whole n × n float32 kernel matrix when it fits the
 * budget (10,000 rows: 400 MB) and a bounded, shared cache of kernel rows otherwise.
 *
 * <p><b>Results.</b> Sharing never changes a model: an estimator must fit exactly the model it
 * fits without it (the shared values are the very numbers the fit would compute).
 *
 * <p>Thread-safe: the fits of a parallel search use one instance at once.
 */
public final class SharedWork implements AutoCloseable {
    /** The system property that sets the default budget, in MiB (2^20 bytes). */
    public static final String BUDGET_PROPERTY = "paraml.sharedWorkMb";
    /** The default budget in MiB, when the heap allows it (at most a quarter of the maximum heap). */
    public static final int DEFAULT_BUDGET_MB = 1024;

    private static final System.Logger LOG = System.getLogger(SharedWork.class.getName());

    private final Matrix data;
    private final long budget;
    /** A permutation of the data's rows that groups the rows fits use together (e.g. by test fold), or null. */
    private final int[] layout;
    private final AtomicLong reserved = new AtomicLong();
    private final ConcurrentHashMap<Object, AutoCloseable> resources = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Offset in data.data() → row of data, for a non-contiguous data matrix; built on first use. */
    private Map<Integer, Integer> rowByOffset;

    private SharedWork(Matrix data, long budgetBytes, int[] layout) {
        this.data = Objects.requireNonNull(data, "data");
        if (layout != null) {
            boolean[] seen = new boolean[data.rows()];
            if (layout.length != data.rows()) {
                throw new IllegalArgumentException("the layout must be a permutation of the " + data.rows()
                        + " rows, got " + layout.length + " entries");
            }
            for (int r : layout) {
                if (r < 0 || r >= seen.length || seen[r]) {
                    throw new IllegalArgumentException("the layout must be a permutation of the data's rows; "
                            + r + " is out of range or repeated");
                }
                seen[r] = true;
            }
        }
        this.layout = layout == null ? null : layout.clone();
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("the shared-work budget must be >= 0 bytes, got " + budgetBytes);
        }
        this.budget = budgetBytes;
    }

    /** A scope over {@code data} with the {@link #defaultBudgetBytes() default budget}. */
    public static SharedWork open(Matrix data) {
        return new SharedWork(data, defaultBudgetBytes(), null);
    }

    /** A closed, empty scope: an estimator given it shares nothing and computes everything itself. */
    public static SharedWork none() {
        SharedWork w = new SharedWork(Matrix.zeros(0, 0), 0, null);
        w.closed = true;
        return w;
    }

    /** A scope over {@code data} with a budget of {@code budgetBytes} (0: share nothing). */
    public static SharedWork open(Matrix data, long budgetBytes) {
        return new SharedWork(data, budgetBytes, null);
    }

    /**
     * A scope whose shared values are laid out in the row order {@code layout} (a permutation of
     * the data's rows): a search passes its rows grouped by test fold, so that the rows one fold's
     * fits read lie together in memory (with two folds a fit reads half of each shared kernel row
     * instead of all of it). The values are the same in any layout.
     */
    public static SharedWork open(Matrix data, long budgetBytes, int[] layout) {
        return new SharedWork(data, budgetBytes, layout);
    }

    /**
     * The rows of {@code data} grouped by the first test set that holds them, in the order of the
     * sets and ascending inside each group (rows in no test set last): the layout a
     * cross-validation over {@code testSets} reads best.
     */
    public static int[] layoutByTestSet(int rows, java.util.List<int[]> testSets) {
        int[] group = new int[rows];
        java.util.Arrays.fill(group, testSets.size());
        for (int f = testSets.size() - 1; f >= 0; f--) {
            for (int r : testSets.get(f)) {
                if (r >= 0 && r < rows) {
                    group[r] = f;
                }
            }
        }
        int[] count = new int[testSets.size() + 2];
        for (int g : group) {
            count[g + 1]++;
        }
        for (int g = 1; g < count.length; g++) {
            count[g] += count[g - 1];
        }
        int[] layout = new int[rows];
        for (int r = 0; r < rows; r++) {
            layout[count[group[r]]++] = r;
        }
        return layout;
    }

    /** The row layout of the shared values ({@link #open(Matrix, long, int[])}), or null for the data's order. */
    public int[] layout() {
        return layout == null ? null : layout.clone();
    }

    /**
     * The default budget: {@value #BUDGET_PROPERTY} MiB when that property is set, else
     * {@value #DEFAULT_BUDGET_MB} MiB but at most a quarter of {@link Runtime#maxMemory()}.
     */
    public static long defaultBudgetBytes() {
        String p = System.getProperty(BUDGET_PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                double mb = Double.parseDouble(p.trim());
                if (mb >= 0 && Double.isFinite(mb)) {
                    return (long) (mb * (1 << 20));
                }
            } catch (NumberFormatException e) {
                // fall through to the warning
            }
            LOG.log(System.Logger.Level.WARNING, "ignoring -D" + BUDGET_PROPERTY + "=" + p
                    + ": expected a number of MiB >= 0");
        }
        return Math.min((long) DEFAULT_BUDGET_MB << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    /** The search's data: fits are given row views of it. */
    public Matrix data() {
        return data;
    }

    /** The budget in bytes. */
    public long budgetBytes() {
        return budget;
    }

    /** Bytes reserved now by what this scope holds. */
    public long reservedBytes() {
        return reserved.get();
    }

    /** Bytes of the budget not reserved. */
    public long availableBytes() {
        return Math.max(0, budget - reserved.get());
    }

    /** Reserves {@code bytes} of the budget if they fit (and the scope is open); false otherwise. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        while (!closed) {
            long r = reserved.get();
            if (r + bytes > budget) {
                return false;
            }
            if (reserved.compareAndSet(r, r + bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back {@code bytes} reserved with {@link #tryReserve}. */
    public void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /**
     * The rows of {@link #data()} that the rows of {@code view} are (view row i is data row
     * {@code result[i]}), or null when {@code view} is not made of rows of the data (a copy, other
     * data). Views made by {@link Matrix#selectRows} or {@link Matrix#rowRange} of the data qualify.
     */
    public int[] rowsOf(Matrix view) {
        if (view == null || view.data() != data.data() || view.cols() != data.cols() || data.cols() == 0) {
            return null;
        }
        int[] rows = new int[view.rows()];
        if (data.isContiguous()) {
            int base = data.offset(0);
            int cols = data.cols();
            for (int i = 0; i < rows.length; i++) {
                int rel = view.offset(i) - base;
                if (rel < 0 || rel % cols != 0 || rel / cols >= data.rows()) {
                    return null;
                }
                rows[i] = rel / cols;
            }
            return rows;
        }
        Map<Integer, Integer> index = offsetIndex();
        for (int i = 0; i < rows.length; i++) {
            Integer r = index.get(view.offset(i));
            if (r == null) {
                return null;
            }
            rows[i] = r;
        }
        return rows;
    }

    private synchronized Map<Integer, Integer> offsetIndex() {
        if (rowByOffset == null) {
            Map<Integer, Integer> m = new HashMap<>();
            for (int i = data.rows() - 1; i >= 0; i--) {
                m.put(data.offset(i), i);
            }
            rowByOffset = m;
        }
        return rowByOffset;
    }

    /**
     * The resource held under {@code key}, made by {@code make} on first request (at most once per
     * key, however many threads ask); null when this scope is closed or {@code make} returns null.
     * {@code make} must be quick (it runs under a lock of the key): resources compute their values
     * lazily. Resources are closed with the scope.
     */
    @SuppressWarnings("unchecked")
    public <T extends AutoCloseable> T resource(Object key, Function<SharedWork, T> make) {
        Objects.requireNonNull(key, "key");
        if (closed) {
            return null;
        }
        AutoCloseable r = resources.computeIfAbsent(key, k -> closed ? null : make.apply(this));
        if (closed && r != null) {
            resources.remove(key, r);
            closeQuietly(r);
            return null;
        }
        return (T) r;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** How many resources are held now. */
    public int resourceCount() {
        return resources.size();
    }

    /** Drops every resource (closing each) and makes this scope inert. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Object key : resources.keySet()) {
            AutoCloseable r = resources.remove(key);
            if (r != null) {
                closeQuietly(r);
            }
        }
        synchronized (this) {
            rowByOffset = null;
        }
    }

    private static void closeQuietly(AutoCloseable r) {
        try {
            r.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing a shared resource failed: " + e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SharedWork[%d x %d, %d resources, %.1f of %.1f MiB%s]", data.rows(),
                data.cols(), resources.size(), reserved.get() / 1048576.0, budget / 1048576.0,
                closed ? ", closed" : "");
    }
}
