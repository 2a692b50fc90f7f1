package org.paraml.cluster;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.data.BlockProgress;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;

/**
 * A short fit on a sample of the data before the first large fit of a JVM on the SIMD backend, so that the JIT
 * compiles the k-means loops before the passes over all the rows.
 *
 * <p>Why: until C2 has compiled a Vector API loop, every vector in it is a heap object and the loop runs hundreds
 * of times slower; C2 compiles a loop after thousands of calls. A fresh JVM's first fit over 20M rows ran those
 * calls on its real passes and took 8.8-9.3 s against 6.1 s for the same fit warm; a fit of the first 20,000 rows
 * first (1.2-1.7 s, class loading included) brought the large fit to 6.2-6.8 s: 1.0-1.4 s less in all
 * (bench/RESULTS.md, session 29). The rehearsal's model is dropped: a fit's results never depend on what the JIT
 * has compiled, so the large fit's model is the same, bit for bit.
 *
 * <p>When: once per JVM and backend, before a fit of at least {@link #MIN_ROWS} rows whose blocks are read in this
 * JVM (not a Spark fit, whose passes run in the executors' JVMs), on the {@code simd} backend, unless the system
 * property {@value #PROPERTY} is {@code false}. A sample with fewer than {@code n_clusters} distinct rows, or a
 * rehearsal that fails (a NaN in the sample, say), is skipped without a word: the large fit reports its own errors.
 */
final class KMeansRehearsal {
    /** Fits of fewer rows start without a rehearsal. */
    static final long MIN_ROWS = 1_000_000;
    /** Rows of the sample: the first rows of the data. */
    static final int SAMPLE_ROWS = 20_000;
    /** Lloyd iterations of the rehearsal at most: enough for the JIT, few enough to stay short. */
    static final int MAX_ITER = 10;
    /** Lloyd steps over the sample after the rehearsal fit (see {@link #lloydSteps}). */
    static final int LLOYD_STEPS = 8;
    /** Calls of the nearest-centre search over {@link #SEARCH_STEP_ROWS} rows each (see {@link #searchSteps}). */
    static final int SEARCH_STEPS = 256;
    static final int SEARCH_STEP_ROWS = 256;
    /** The system property that turns rehearsals off ({@code -Dparaml.kmeans.rehearsal=false}). */
    static final String PROPERTY = "paraml.kmeans.rehearsal";

    private static final Set<String> REHEARSED = ConcurrentHashMap.newKeySet();

    private KMeansRehearsal() {
    }

    /** Whether a fit of {@code data} on {@code backend} would start with a rehearsal (ignoring whether one ran). */
    static boolean worthIt(PassRunner data, Backend backend) {
        return data instanceof LocalPasses && data.rows() >= MIN_ROWS && "simd".equals(backend.name())
                && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** Rehearses before a fit with {@code params} of {@code data}, when it is worth it and not done yet. */
    static void beforeFit(KMeans params, PassRunner data, Backend backend) {
        if (worthIt(data, backend) && REHEARSED.add(backend.name())) {
            rehearse(params, data, backend);
        }
    }

    /**
     * Fits the first {@link #SAMPLE_ROWS} rows of {@code data} with {@code params} (one run, at most
     * {@link #MAX_ITER} iterations, seed 0, no progress, no warnings) and drops the model.
     *
     * @return whether the rehearsal fit ran to its end
     * @throws CancellationException when the thread is interrupted, as the fit would be
     */
    static boolean rehearse(KMeans params, PassRunner data, Backend backend) {
        int n = (int) Math.min(SAMPLE_ROWS, data.rows());
        long[] rows = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Matrix sample = data.gatherRows(rows);
        if (distinctRows(sample, params.nClusters()) < params.nClusters()) {
            return false;
        }
        KMeans quick = params.nInit(1).maxIter(Math.min(params.maxIter(), MAX_ITER)).randomState(0L)
                .progress(BlockProgress.NONE).backend(backend);
        try (Blocks blocks = Blocks.of(sample, Math.max(1, n / 4))) {
            new Fit(quick, blocks, false, null).quiet().run();
            double[] shift = FitContext.translationOf(sample);
            if (KMeans.K_MEANS_PARALLEL.equals(params.init()) && n > 1) {
                searchSteps(sample, shift, candidatesPerRound(params, n), backend);
            }
            lloydSteps(sample, shift, params.nClusters(), backend);
            return true;
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            KMeans.log().log(System.Logger.Level.DEBUG, "k-means rehearsal skipped: {0}", e.toString());
            return false;
        }
    }

    /** About how many candidates a k-means|| round adds ({@code ℓ = oversampling_factor × k}), at least k, at most n. */
    private static int candidatesPerRound(KMeans params, int n) {
        double ell = params.oversamplingFactor() * params.nClusters();
        return (int) Math.max(params.nClusters(), Math.min(n, Math.ceil(ell)));
    }

    /**
     * {@link #SEARCH_STEPS} calls of the nearest-centre search ({@link Backend#updateMinDistances}) over short runs of
     * the sample against {@code m} of its rows, as a k-means|| round lowers its costs against its new candidates.
     * Why: the rehearsal's rounds call that search a few hundred times, each call over a block's worth of rows, so C2
     * compiled its loop on stack only; the backend's switch to the compiled search then judged it ready, and a large
     * fit's first round ran its uncompiled entry, every vector a heap object, until C2 compiled the method whole
     * (0.4-0.9 s longer in half of the cold 20M-row fits, bench/RESULTS.md, session 34). Many short calls get it
     * compiled whole for a few milliseconds of work.
     */
    private static void searchSteps(Matrix sample, double[] shift, int m, Backend backend) {
        int n = sample.rows();
        int rows = Math.min(SEARCH_STEP_ROWS, n);
        PreparedMatrix first = backend.prepare(translatedRows(sample, shift, 0, 1));
        PreparedMatrix candidates = backend.prepare(translatedRows(sample, shift, 1, Math.min(m, n - 1)));
        double[] start = new double[n];
        java.util.Arrays.fill(start, Double.POSITIVE_INFINITY);
        // every row's cost to one centre first, as a fit's cost pass leaves them: the search then lowers only some
        backend.updateMinDistances(sample, shift, first, start, null, 0, 1);
        double[] costs = new double[rows];
        int[] nearest = new int[rows];
        for (int step = 0, from = 0; step < SEARCH_STEPS; step++, from = from + 2 * rows > n ? 0 : from + rows) {
            System.arraycopy(start, from, costs, 0, rows);
            backend.updateMinDistances(sample.rowRange(from, from + rows), shift, candidates, costs, nearest, 1, 1);
        }
    }

    /** Rows {@code [from, from + count)} of {@code x} translated by {@code shift} (or as they are, for null). */
    private static Matrix translatedRows(Matrix x, double[] shift, int from, int count) {
        Matrix out = Matrix.zeros(count, x.cols());
        for (int c = 0; c < out.rows(); c++) {
            for (int j = 0; j < x.cols(); j++) {
                out.set(c, j, x.get(from + c, j) - (shift == null ? 0.0 : shift[j]));
            }
        }
        return out;
    }

    /**
     * {@link #LLOYD_STEPS} Lloyd steps over the sample, with the large fit's translation (the sample starts with the rows
     * that decide it) and the sample's first k rows as centres
     * (what they converge to does not matter): the rehearsal fit's two or three Lloyd passes called the loop of a pass
     * too few times for C2 to compile it whole, and the large fit's first Lloyd pass then ran C1's code of it, every
     * vector a heap object, until C2 did (bench/RESULTS.md, session 33).
     */
    private static void lloydSteps(Matrix sample, double[] shift, int k, Backend backend) {
        int n = sample.rows();
        int d = sample.cols();
        Matrix centres = translatedRows(sample, shift, 0, Math.min(k, n));
        PreparedMatrix prepared = backend.prepare(centres);
        int[] labels = new int[n];
        double[] distances = new double[n];
        for (int step = 0; step < LLOYD_STEPS; step++) {
            backend.lloydStep(sample, shift, null, prepared, labels, distances, new double[centres.rows() * d],
                    new double[centres.rows()], 1);
        }
    }

    /** The number of distinct rows of {@code x}, counted up to {@code enough}. */
    private static int distinctRows(Matrix x, int enough) {
        Set<RowKey> seen = new HashSet<>();
        for (int i = 0; i < x.rows() && seen.size() < enough; i++) {
            seen.add(new RowKey(x.row(i)));
        }
        return seen.size();
    }

    private record RowKey(double[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && java.util.Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(values);
        }
    }
}
