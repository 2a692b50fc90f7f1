package org.paraml.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.paraml.backend.LoopWarmup;
import org.paraml.backend.NearestCenterKernel;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The k-means inner loops on the Vector API, in two layouts so that every lane does useful work
 * with 4 features as with 784:
 * <ul>
 *   <li>up to {@value #ACROSS_ROWS_MAX_FEATURES} features, <b>rows in lanes</b>: blocks of rows are
 *       transposed into a small tile and meet one broadcast centre coordinate per fused
 *       multiply-add; no horizontal operation at all;</li>
 *   <li>more features, <b>centres in lanes</b>: the centres' transposed panel gives a vector of
 *       centre coordinates per feature, shared by four rows.</li>
 * </ul>
 * With few features and at most {@code L} centres (one vector of the panel), rows that were not prepared
 * are searched where they are, centres in lanes, with the rows-in-lanes search's arithmetic and bits
 * ({@code Search.narrow}): no transpose. Until C2 has compiled them, the rows-in-lanes loops run a scalar
 * twin with the same bits ({@code Search.tileScalar}, switched per loop by a {@link LoopWarmup}).
 *
 * <p><b>Distance rule.</b> The nearest centre is chosen by the score {@code ‖c‖² − 2⟨x, c⟩} (‖x‖²
 * is common to all centres); running minima with strict {@code <} in centre order keep the
 * earliest centre, so ties go to the lowest index. With rows in lanes the reported distance is
 * {@code max(0, ‖x‖² + score)} unless cancellation threatens ({@link #CANCELLATION}), when it is
 * recomputed directly as {@code Σ_j (x_j − c_j)²}; with centres in lanes it is always recomputed
 * directly (d operations next to the search's k·d). Cancellation can thus move a label only at a
 * near-tie, and never the accuracy of a reported distance beyond the backend tolerance.
 *
 * <p>Every row goes through the same arithmetic wherever it falls in a block, so results do not
 * depend on chunking or threads.
 */
final class SimdKMeans implements NearestCenterKernel {
    private static final VectorSpecies<Double> S = SimdKernels.S;
    private static final int L = SimdKernels.L;
    /** Up to this many features the k-means kernel puts rows in lanes; above it, centres. */
    static final int ACROSS_ROWS_MAX_FEATURES = 64;
    /**
     * The cancellation rule: a distance {@code ‖x‖² + ‖c‖² − 2⟨x, c⟩} below this fraction of
     * {@code ‖x‖² + max_c ‖c‖²} (an upper bound of {@code ‖x‖² + ‖c‖²} that needs no per-row lookup)
     * may have lost more than 10 bits to cancellation and is recomputed directly, so a reported
     * distance has relative error at most about {@code 2·(d + 2)·2^−53·2^10} (2.3e-10 at d = 1021),
     * within the backend tolerance; it is clamped at 0 either way.
     */
    static final double CANCELLATION = 0x1p-10;

    /** The search loops' switches from their scalar twins to the Vector API, one per JVM (see {@link #warming}). */
    private static final SearchWarmup LOWER_MIN = new SearchWarmup();
    private static final SearchWarmup ASSIGN_TILES = new SearchWarmup();
    private static final SearchWarmup LLOYD_ROWS = new SearchWarmup();
    /** Its search is always {@link Search#tile} ({@link Search#searchTiled}): one switch. */
    private static final LoopWarmup ASSIGN_ROWS = new LoopWarmup();

    /**
     * A loop's two switches, one for each vector search it may run: {@link Search#narrow} (at most {@code L}
     * centres) and {@link Search#tile} (more centres, or prepared rows). C2 compiles them as separate methods, at
     * separate times: with one switch, a k-means|| seeding's fast narrow probes (one centre in the cost pass) had
     * declared the loop compiled while the tile search was still queued for C2, and the first round (dozens of
     * candidates) ran the tile search's uncompiled form, every vector a heap object, for up to half a second
     * (bench/RESULTS.md, session 34).
     */
    private static final class SearchWarmup {
        final LoopWarmup narrow = new LoopWarmup();
        final LoopWarmup tiled = new LoopWarmup();
        /** For one centre ({@link Search#single}, scalar either way): its fast probes must not declare narrow compiled. */
        final LoopWarmup single = new LoopWarmup();

        /** The switch for the vector search that {@code search} runs. */
        LoopWarmup of(Search search) {
            if (!search.narrowable) {
                return tiled;
            }
            return search.k == 1 ? single : narrow;
        }
    }

    /** The rows being assigned, when they were prepared (their tiles then replace the per-block transpose); or null. */
    private final SimdPreparedMatrix preparedX;
    /** The translation subtracted from every row as it is transposed (rows in lanes only); or null. */
    private final double[] shift;
    private final Side side;

    /** A kernel for rows given as a plain matrix (or row view). */
    SimdKMeans() {
        this(null, null);
    }

    /** A kernel for the rows of {@code preparedX}. */
    SimdKMeans(SimdPreparedMatrix preparedX) {
        this(preparedX, null);
    }

    private SimdKMeans(SimdPreparedMatrix preparedX, double[] shift) {
        this(preparedX, shift, Side.WARMING);
    }

    private SimdKMeans(SimdPreparedMatrix preparedX, double[] shift, Side side) {
        this.preparedX = preparedX;
        this.shift = shift;
        this.side = side;
    }

    /** Which search the rows-in-lanes loops run: as {@link #warming} decides, or one of them always (tests). */
    enum Side { WARMING, SCALAR, VECTOR }

    /**
     * For tests: rows {@code [i0, i0 + rows)} (at most a tile) searched by every form that applies to them, each into
     * the search's own tile-sized outputs: {@link Search#single} (one centre), {@link Search#narrow} (the centres fit
     * one vector), {@link Search#tile} and its scalar twin. Per form, the rows' distances by the distance rule, then
     * their labels (as doubles).
     */
    static java.util.List<double[]> everySearchForm(Matrix x, int i0, int rows, SimdPreparedMatrix centres,
                                                    double[] shift) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int form = 0; form < 4; form++) {
            Search s = new Search(x, i0, centres, null, shift);
            if ((form == 0 && (s.k != 1 || !s.narrowable)) || (form == 1 && !s.narrowable)) {
                continue;
            }
            s.vector = form != 3;
            switch (form) {
                case 0 -> s.single(i0, rows, s.best, s.ownLabels, 0);
                case 1 -> s.narrow(i0, rows, s.best, s.ownLabels, 0);
                case 2 -> s.tile(i0, rows, s.best, s.ownLabels, 0);
                default -> s.tileScalar(i0, rows, s.best, s.ownLabels, 0);
            }
            double[] r = new double[2 * rows];
            for (int j = 0; j < rows; j++) {
                r[j] = s.distance(j);
                r[rows + j] = s.ownLabels[j];
            }
            out.add(r);
        }
        return out;
    }

    /** A kernel as the constructors and {@link #translating} make it, whose search loops always run on {@code side}. */
    static SimdKMeans on(Side side, SimdPreparedMatrix preparedX, double[] shift) {
        return new SimdKMeans(preparedX, shift, side);
    }

    /**
     * A kernel for the rows {@code x_i − shift} of a plain matrix with at most
     * {@value #ACROSS_ROWS_MAX_FEATURES} features ({@link #translatesWhileReading}): each row is translated
     * as it is transposed into its tile ({@code x_ij − shift_j}, as a translated copy would hold it), the
     * sums are added from the tile, and a distance recomputed directly reads the translated row.
     */
    static SimdKMeans translating(double[] shift) {
        return new SimdKMeans(null, shift);
    }

    /** Whether {@link #translating(double[])} can translate the rows of {@code x} while it reads them. */
    static boolean translatesWhileReading(Matrix x) {
        return acrossRows(x);
    }

    @Override
    public void nearest(Matrix x, int from, int to, PreparedMatrix centers, int[] labels, double[] distances,
                        int outOffset) {
        if (acrossRows(x)) {
            assignAcrossRows(x, from, to, null, (SimdPreparedMatrix) centers, labels, distances, outOffset, null, null);
        } else {
            nearestAcrossCentres(x, from, to, (SimdPreparedMatrix) centers, labels, distances, outOffset);
        }
    }

    /** {@inheritDoc} With rows in lanes, each block of rows is added into the sums right after its search, while it is in cache. */
    @Override
    public double assign(Matrix x, int from, int to, double[] sampleWeight, PreparedMatrix centers, int[] labels,
                         double[] distances, int outOffset, double[] sums, double[] counts) {
        if (acrossRows(x)) {
            return assignAcrossRows(x, from, to, sampleWeight, (SimdPreparedMatrix) centers, labels, distances,
                    outOffset, sums, counts);
        }
        return NearestCenterKernel.super.assign(x, from, to, sampleWeight, centers, labels, distances, outOffset,
                sums, counts);
    }

    /** {@inheritDoc} With rows in lanes, each block of rows updates its minima right after its search. */
    @Override
    public double lowerMin(Matrix x, int from, int to, PreparedMatrix centers, double[] minDistances, int[] argmin,
                           int argminBase) {
        if (!acrossRows(x)) {
            return NearestCenterKernel.super.lowerMin(x, from, to, centers, minDistances, argmin, argminBase);
        }
        Search search = new Search(x, from, (SimdPreparedMatrix) centers, preparedX, shift);
        return warming(side, LOWER_MIN.of(search), from, to, (a, b, cost, vector) ->
                lowerMinRows(search, a, b, minDistances, argmin, argminBase, cost, vector));
    }

    /** {@link #lowerMin} on rows {@code [from, to)}, the cost summed on from {@code cost}. */
    private static double lowerMinRows(Search search, int from, int to, double[] minDistances, int[] argmin,
                                       int argminBase, double cost, boolean vector) {
        int block = SimdPreparedMatrix.TILE_ROWS;
        for (int i0 = from; i0 < to; i0 += block) {
            int rows = Math.min(block, to - i0);
            search.search(i0, rows, vector);
            for (int r = 0; r < rows; r++) {
                int i = i0 + r;
                double dist = search.distance(r);
                if (dist < minDistances[i]) {
                    minDistances[i] = dist;
                    if (argmin != null) {
                        argmin[i] = argminBase + (int) search.index[r];
                    }
                }
                cost += minDistances[i];
            }
        }
        return cost;
    }

    /** Rows {@code [from, to)} of a call, with a running sum carried from {@code acc}; on the vector search or its scalar twin. */
    private interface RowsBody {
        double run(int from, int to, double acc, boolean vector);
    }

    /**
     * One call of a search loop, on the Vector API once C2 has compiled it and on the scalar twin
     * ({@link Search#tileScalar}, the same bits) until then: while {@code w} is warming, a probe of whole
     * tiles runs on the twin, the next as many rows on the vector search, both timed, and the rest on the
     * twin. Every row is computed once, in order, so outputs and running sums are those of one pass.
     *
     * <p>Why: until C2 compiles them, Vector API loops run their Java fallbacks, with every vector a heap
     * object, hundreds of times slower than compiled; a fresh JVM's first k-means fit spent about a second
     * there on two cores (bench/RESULTS.md, session 30). {@link LoopWarmup} decides as it does for the SMO loops.
     */
    private static double warming(Side side, LoopWarmup w, int from, int to, RowsBody body) {
        if (side != Side.WARMING) {
            return body.run(from, to, 0.0, side == Side.VECTOR);
        }
        if (w.ready()) {
            return body.run(from, to, 0.0, true);
        }
        int p = probeRows(to - from);
        if (p == 0) {
            return body.run(from, to, 0.0, false);
        }
        long t0 = System.nanoTime();
        double acc = body.run(from, from + p, 0.0, false);
        long t1 = System.nanoTime();
        acc = body.run(from + p, from + 2 * p, acc, true);
        long t2 = System.nanoTime();
        acc = body.run(from + 2 * p, to, acc, false);
        w.probed(p, t2 - t1, t1 - t0);
        return acc;
    }

    /**
     * Rows in each probe of a call over {@code n} rows while warming: whole tiles (so both searches see the
     * tiles one pass would), at most four, at most half the call; 0 (the twin alone) for calls under two tiles.
     */
    static int probeRows(int n) {
        int block = SimdPreparedMatrix.TILE_ROWS;
        return Math.min(4 * block, n / 2 / block * block);
    }

    private static boolean acrossRows(Matrix x) {
        return x.cols() <= ACROSS_ROWS_MAX_FEATURES && x.cols() > 0;
    }

    /**
     * Few features: rows in lanes (see {@link Search}), and with {@code sums} or {@code counts}, each
     * row added in row order into its centre's sums as soon as its block of rows is searched: from the
     * row itself (in cache after the transpose; vectors along features, the last one masked) or, for
     * prepared rows, from their tile.
     */
    private double assignAcrossRows(Matrix x, int from, int to, double[] sampleWeight, SimdPreparedMatrix c,
                                    int[] labels, double[] distances, int outOffset, double[] sums, double[] counts) {
        int d = x.cols();
        Search search = new Search(x, from, c, preparedX, shift);
        // translated rows exist only in the tiles: their sums are added from there
        boolean fromTile = search.prepared != null || shift != null;
        if (sampleWeight == null && !fromTile && sums != null && counts != null && integral(counts)) {
            return warming(side, LLOYD_ROWS.of(search), from, to, (a, b, inertia, vector) -> lloydRows(x, a, b, search, labels,
                    distances, outOffset + a - from, sums, counts, inertia, vector));
        }
        if (sampleWeight == null && (sums == null && counts == null
                || fromTile && sums != null && counts != null && integral(counts))) {
            return warming(side, ASSIGN_TILES.of(search), from, to, (a, b, inertia, vector) -> assignTiles(d, a, b, search, labels,
                    distances, outOffset + a - from, sums, counts, inertia, vector));
        }
        return warming(side, ASSIGN_ROWS, from, to, (a, b, inertia, vector) -> assignRows(x, a, b, sampleWeight, search,
                labels, distances, outOffset + a - from, sums, counts, fromTile, inertia, vector));
    }

    /** {@link #assignAcrossRows}' general loop (weights, or sums of rows that were not prepared), on rows {@code [from, to)}. */
    private static double assignRows(Matrix x, int from, int to, double[] sampleWeight, Search search, int[] labels,
                                     double[] distances, int outOffset, double[] sums, double[] counts, boolean fromTile,
                                     double inertia, boolean vector) {
        int d = x.cols();
        int block = SimdPreparedMatrix.TILE_ROWS;
        double[] xd = x.data();
        int bound = d - d % L;
        VectorMask<Double> tail = vector ? S.indexInRange(bound, d) : null;
        for (int i0 = from; i0 < to; i0 += block) {
            int rows = Math.min(block, to - i0);
            search.searchTiled(i0, rows, vector);
            int o = outOffset + i0 - from;
            for (int r = 0; r < rows; r++) {
                int i = i0 + r;
                int label = (int) search.index[r];
                double dist = search.distance(r);
                labels[o + r] = label;
                distances[o + r] = dist;
                double w = sampleWeight == null ? 1.0 : sampleWeight[i];
                inertia += w * dist;
                if (sums != null) {
                    if (fromTile) {
                        addFromTile(search.tile, search.base + r, block, sums, label * d, d, bound, sampleWeight, w);
                    } else if (!vector) {
                        addRowScalar(xd, x.offset(i), sampleWeight != null, w, sums, label * d, d, bound);
                    } else if (sampleWeight == null) {
                        addRow(xd, x.offset(i), sums, label * d, d, bound, tail);
                    } else {
                        addWeightedRow(xd, x.offset(i), w, sums, label * d, d, bound);
                    }
                }
                if (counts != null) {
                    counts[label] += w;
                }
            }
        }
        return inertia;
    }

    /**
     * The twin of {@link #addRow} (unweighted: {@code sums += src}, the vector's lanes past {@code d} having
     * added +0.0) and of {@link #addWeightedRow} (fused multiply-adds up to {@code bound}, then a multiply and an add).
     */
    private static void addRowScalar(double[] src, int o, boolean weighted, double w, double[] sums, int s, int d,
                                     int bound) {
        if (!weighted) {
            for (int j = 0; j < d; j++) {
                sums[s + j] += src[o + j];
            }
            return;
        }
        int j = 0;
        for (; j < bound; j++) {
            sums[s + j] = Math.fma(src[o + j], w, sums[s + j]);
        }
        for (; j < d; j++) {
            sums[s + j] += w * src[o + j];
        }
    }

    /**
     * {@link #assignAcrossRows} without weights, on whole tiles where it can: each whole tile's labels
     * and distances go from the search's vectors straight into the outputs (not through the search's
     * scratch arrays), then, with {@code sums} and {@code counts}, each row is added in row order into
     * its centre's sums from the tile it was searched in (twenty scalar adds for twenty features:
     * gathering them in vectors was slower) and counted as an integer. The inertia is summed in row
     * order as everywhere else; every value is as {@link #assignAcrossRows}' general loop gives it.
     */
    private static double assignTiles(int d, int from, int to, Search search, int[] labels, double[] distances,
                                      int outOffset, double[] sums, double[] counts, double inertia, boolean vector) {
        int block = SimdPreparedMatrix.TILE_ROWS;
        boolean accumulate = sums != null;
        int k = accumulate ? counts.length : 0;
        int[] tally = new int[k];
        for (int i0 = from; i0 < to; i0 += block) {
            int rows = Math.min(block, to - i0);
            int o = outOffset + i0 - from;
            if (rows == block) {
                search.search(i0, rows, distances, labels, o, vector);
            } else {
                search.search(i0, rows, vector);
                for (int r = 0; r < rows; r++) {
                    labels[o + r] = (int) search.index[r];
                }
                System.arraycopy(search.best, 0, distances, o, rows);
            }
            if (search.check) {
                for (int r = 0; r < rows; r++) {
                    distances[o + r] = search.distance(r);
                }
            }
            for (int r = 0; r < rows; r++) {
                inertia += distances[o + r];
            }
            if (accumulate && search.narrowed) {
                // the rows were searched in place: the values the transpose would have stored, x − shift
                double[] xd = search.x.data();
                double[] sh = search.transposeShift;
                for (int r = 0; r < rows; r++) {
                    int label = labels[o + r];
                    int ox = search.x.offset(i0 + r);
                    for (int f = 0, s = label * d; f < d; f++) {
                        sums[s + f] += xd[ox + f] - sh[f];
                    }
                    tally[label]++;
                }
            } else if (accumulate) {
                double[] tl = search.tile;
                for (int r = 0, t0 = search.base; r < rows; r++, t0++) {
                    int label = labels[o + r];
                    for (int f = 0, s = label * d, t = t0; f < d; f++, t += block) {
                        sums[s + f] += tl[t];
                    }
                    tally[label]++;
                }
            }
        }
        for (int l = 0; l < k; l++) {
            counts[l] += tally[l];
        }
        return inertia;
    }

    /** Whether every count is a whole number that 2^31 more rows cannot take past 2^53 (counts stay exact). */
    private static boolean integral(double[] counts) {
        for (double v : counts) {
            if (!(v == Math.rint(v) && Math.abs(v) < 0x1p52)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #assignAcrossRows} for the Lloyd pass itself (no weights, sums and counts, rows from the
     * matrix), as one tight loop. The sums are accumulated in a copy whose rows are padded to whole
     * vectors, so that every row is added with whole vectors and no mask: the lanes past the row's
     * last feature (values of the next row) land in the padding, which is dropped when the copy goes
     * back. Each row adds 1 to its centre's count; the additions are exact, so the counts are tallied as
     * integers and added at the end, which gives the same doubles.
     */
    private static double lloydRows(Matrix x, int from, int to, Search search, int[] labels, double[] distances,
                                    int outOffset, double[] sums, double[] counts, double inertia, boolean vector) {
        int d = x.cols();
        int k = counts.length;
        int dPad = (d + L - 1) / L * L;
        int block = SimdPreparedMatrix.TILE_ROWS;
        double[] padded = new double[k * dPad];
        for (int l = 0; l < k; l++) {
            System.arraycopy(sums, l * d, padded, l * dPad, d);
        }
        int[] tally = new int[k];
        for (int i0 = from; i0 < to; i0 += block) {
            inertia = lloydTile(x, i0, Math.min(block, to - i0), search, labels, distances, outOffset + i0 - from,
                    padded, dPad, tally, inertia, vector);
        }
        for (int l = 0; l < k; l++) {
            System.arraycopy(padded, l * dPad, sums, l * d, d);
            counts[l] += tally[l];
        }
        return inertia;
    }

    /**
     * {@link #lloydRows} on one tile of rows from {@code i0}: its search, and each row added into its centre's padded
     * sums. A method of its own, called once a tile: a fresh JVM's rehearsal then calls it thousands of times and C2
     * compiles it whole, where the loop inside {@link #lloydRows} had only an on-stack-replacement compilation after
     * the rehearsal and ran C1's code, every vector a heap object, for most of a cold fit's first Lloyd pass (~100 MB
     * of them, bench/RESULTS.md, session 33).
     */
    private static double lloydTile(Matrix x, int i0, int rows, Search search, int[] labels, double[] distances,
                                    int o, double[] padded, int dPad, int[] tally, double inertia, boolean vector) {
        double[] xd = x.data();
        search.search(i0, rows, vector);
        for (int r = 0; r < rows; r++) {
            int label = (int) search.index[r];
            double dist = search.distance(r);
            labels[o + r] = label;
            distances[o + r] = dist;
            inertia += dist;
            int ox = x.offset(i0 + r);
            int s = label * dPad;
            if (!vector && ox + dPad <= xd.length) {
                // the twin of the vector adds: every lane, padding included, one at a time
                for (int j = 0; j < dPad; j++) {
                    padded[s + j] += xd[ox + j];
                }
            } else if (ox + dPad <= xd.length) {
                for (int j = 0; j < dPad; j += L) {
                    DoubleVector.fromArray(S, padded, s + j).add(DoubleVector.fromArray(S, xd, ox + j))
                            .intoArray(padded, s + j);
                }
            } else {
                for (int j = 0; j < x.cols(); j++) {
                    padded[s + j] += xd[ox + j];
                }
            }
            tally[label]++;
        }
        return inertia;
    }

    /**
     * The nearest-centre search with rows in lanes, one block of {@code 2L} rows at a time: the block
     * is transposed into a small tile ({@code tile[f·2L + r] = x_{i+r, f}}, zeros past the last row), or
     * read from the prepared rows' tiles; then for four centres at a time one broadcast centre
     * coordinate meets two tile vectors (eight accumulators). Lane-wise running minima of the score
     * {@code ‖c‖² − 2⟨x, c⟩} (strict {@code <} in centre order, so ties keep the lowest index) need no
     * horizontal operation; ‖x‖² is read from the prepared rows' tiles, which hold it after the
     * features, or summed lane-wise from the transposed tile in the same order (one fused multiply-add
     * a feature). The distance is {@code max(0, ‖x‖² + score)}, recomputed directly when it is below
     * {@code (‖x‖² + max_c ‖c‖²)·2^−10} (see {@link #CANCELLATION}). One per call: it holds the scratch.
     */
    private static final class Search {
        final Matrix x;
        final int d;
        final int k;
        final int kPad;
        /**
         * Centres searched: four when there are fewer and the padding allows (the padded centres have
         * +∞ norms and never win). A fit's first pass has one centre; searched alone, it never enters
         * the four-centre loop, the compiled search leaves that loop out, and the next pass (dozens of
         * candidates) throws the compiled code away (RESULTS "Session 11"). Rounding every k up to a
         * multiple of four instead made the search 10-15% slower for k = 80 and 241 once compiled.
         */
        final int kSearch;
        final double[] panel;
        /** The centres' squared norms, +∞ in the padding. */
        final double[] cn;
        final double cnMax;
        final Matrix centres;
        final double[] prepared;
        final double[] scratch;
        final double[] best;
        final double[] index;
        /** The labels of the last tile when the caller gave no array for them. */
        final int[] ownLabels;
        final double[] limit;
        final double[] lanes;
        /** The translation of the rows, or null; and a translated row for direct distances. */
        final double[] shift;
        /** What the transpose subtracts: the translation, or zeros. */
        final double[] transposeShift;
        final double[] row;
        /** The tile searched last, and the index of its feature 0, row 0. */
        double[] tile;
        int base;
        int i0;
        /** Whether some row of the last tile may need its distance recomputed directly. */
        boolean check;
        /** Whether the last tile was searched on the Vector API (else by the scalar twin). */
        boolean vector = true;
        /**
         * Whether the centres fit one vector and the rows are not prepared, so that {@link #narrow} can search
         * the rows where they are, without the transpose.
         */
        final boolean narrowable;
        /** Whether the last tile was searched by {@link #narrow}: {@link #tile} and {@link #base} are then stale. */
        boolean narrowed;
        /** The twin's running minima of the score, lane by lane. */
        final double[] scores;

        Search(Matrix x, int from, SimdPreparedMatrix c, SimdPreparedMatrix preparedX, double[] shift) {
            this.x = x;
            this.shift = shift;
            SearchBuffers buffers = SearchBuffers.of(x.cols());
            this.transposeShift = shift == null ? buffers.zeros : shift;
            this.row = shift == null ? null : buffers.row;
            this.best = buffers.best;
            this.index = buffers.index;
            this.ownLabels = buffers.ownLabels;
            this.limit = buffers.limit;
            this.lanes = buffers.lanes;
            this.scores = buffers.scores;
            this.d = x.cols();
            this.k = c.rows();
            this.kPad = c.paddedRows();
            this.kSearch = k < 4 && 4 <= kPad ? 4 : k;
            this.panel = c.panel();
            this.cn = c.normsPadded();
            double max = 0.0;
            for (double v : c.squaredNorms()) {
                max = Math.max(max, v);
            }
            this.cnMax = max;
            this.centres = c.matrix();
            // tiles of the prepared x when the chunk starts on a tile; otherwise transpose block by block
            this.prepared = preparedX != null && from % SimdPreparedMatrix.TILE_ROWS == 0 ? preparedX.tiles() : null;
            this.scratch = prepared == null ? buffers.tile : null;
            this.narrowable = prepared == null && kPad == L;
        }

        /** Where the last tile's distances and labels went: {@link #best} and {@link #index}, or outputs. */
        double[] outDistances;
        int[] outLabels;
        int outBase;

        /** The distance of row {@code i0 + r} to its nearest centre, by the distance rule. */
        double distance(int r) {
            double dist = outDistances[outBase + r];
            if (check && dist < limit[r]) {
                int label = outLabels[outBase + r];
                double[] xd = x.data();
                int o = x.offset(i0 + r);
                if (shift != null) {
                    for (int f = 0; f < d; f++) {
                        row[f] = xd[o + f] - shift[f];
                    }
                    xd = row;
                    o = 0;
                }
                dist = vector ? squaredDistance(xd, o, centres.data(), centres.offset(label), d, lanes)
                        : squaredDistanceScalar(xd, o, centres.data(), centres.offset(label), d);
            }
            return dist;
        }

        /**
         * Where a search of rows {@code [i0, i0 + rows)} writes, and the tile it reads: the prepared rows' tile,
         * or these rows transposed (and translated) into the scratch tile.
         */
        private void loadTile(int i0, int rows, double[] distances, int[] labels, int o) {
            this.outDistances = distances;
            this.outLabels = labels;
            this.outBase = o;
            this.i0 = i0;
            if (prepared != null) {
                tile = prepared;
                base = i0 * (d + 1);
            } else {
                tile = scratch;
                base = 0;
                transpose(x, i0, rows, scratch, transposeShift);
            }
        }

        /** Searches rows {@code [i0, i0 + rows)}: fills {@link #best}, {@link #index} and {@link #check}. */
        void tile(int i0, int rows) {
            tile(i0, rows, best, ownLabels, 0);
        }

        /** {@link #tile(int, int)} on the Vector API or on its scalar twin (the same bits); see the next. */
        void search(int i0, int rows, boolean vector) {
            search(i0, rows, best, ownLabels, 0, vector);
        }

        /** {@link #search(int, int, boolean)}, never by {@link #narrow}: {@link #tile} holds the rows after it. */
        void searchTiled(int i0, int rows, boolean vector) {
            search(i0, rows, best, ownLabels, 0, vector, false);
        }

        /**
         * {@link #tile(int, int, double[], int[], int)} on the Vector API or on its scalar twin (the same bits);
         * on the Vector API by {@link #narrow} when the centres fit one vector and the rows were not prepared.
         * Either way {@link #index}, {@link #limit}, {@link #check} and the outputs for the rows asked for
         * are those of {@code tile}; only {@link #narrowed} tells whether {@link #tile} holds the rows.
         */
        void search(int i0, int rows, double[] distances, int[] labels, int o, boolean vector) {
            search(i0, rows, distances, labels, o, vector, true);
        }

        /**
         * The searches' one dispatch. {@link #narrow} writes a whole tile's slots, so a short tile goes to it only
         * when the outputs are this search's own tile-sized arrays.
         */
        private void search(int i0, int rows, double[] distances, int[] labels, int o, boolean vector,
                            boolean mayNarrow) {
            this.vector = vector;
            boolean whole = mayNarrow && narrowable && (rows == SimdPreparedMatrix.TILE_ROWS || distances == best);
            // one centre: scalar code with the same bits as either search, so it runs whether or not C2 is done
            this.narrowed = whole && (vector || k == 1);
            if (narrowed && k == 1) {
                single(i0, rows, distances, labels, o);
            } else if (narrowed) {
                narrow(i0, rows, distances, labels, o);
            } else if (vector) {
                tile(i0, rows, distances, labels, o);
            } else {
                tileScalar(i0, rows, distances, labels, o);
            }
        }

        /**
         * {@link #tile(int, int, double[], int[], int)} for at most {@code L} centres (one vector of the panel,
         * centres in lanes), reading each row in place ({@code x_f − shift_f} as the transpose would store it)
         * instead of transposing it: per centre lane the same fused multiply-adds along features from 0, the
         * same score {@code fma(a, −2, ‖c‖²)}, then the lowest index among the lanes at the minimum (what
         * strict {@code <} in centre order keeps; the padding lanes score +∞, and win only as index 0 when
         * every score is +∞, as in {@code tile}), ‖x‖² by fused multiply-adds along features, the same
         * distance and cancellation limit: the same bits for rows {@code [i0, i0 + rows)}. Four rows at a time,
         * for four independent chains; in a short tile (whose outputs are then the search's own tile-sized
         * arrays, as {@link #search} sees to) the last group's missing rows repeat its last row, so their slots past {@code rows} hold copies of
         * that row's results, never used, and {@link #check} is what the real rows make it.
         */
        void narrow(int i0, int rows, double[] distances, int[] labels, int o) {
            outputs(i0, distances, labels, o);
            DoubleVector minusTwo = DoubleVector.broadcast(S, -2.0);
            DoubleVector norms = DoubleVector.fromArray(S, cn, 0);
            double[] xd = x.data();
            double[] sh = transposeShift;
            double[] p = panel;
            int stride = kPad;
            boolean anyBelow = false;
            // a short tile's last group repeats its last row: no tail loop for the compiled code to trap on
            int last = i0 + rows - 1;
            for (int r = 0; r < rows; r += 4) {
                int o0 = x.offset(i0 + r);
                int o1 = rowAt(i0 + r + 1, last);
                int o2 = rowAt(i0 + r + 2, last);
                int o3 = rowAt(i0 + r + 3, last);
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                double n0 = 0.0;
                double n1 = 0.0;
                double n2 = 0.0;
                double n3 = 0.0;
                for (int f = 0, q = 0; f < d; f++, q += stride) {
                    DoubleVector c = DoubleVector.fromArray(S, p, q);
                    double s = sh[f];
                    double v0 = xd[o0 + f] - s;
                    double v1 = xd[o1 + f] - s;
                    double v2 = xd[o2 + f] - s;
                    double v3 = xd[o3 + f] - s;
                    a0 = DoubleVector.broadcast(S, v0).fma(c, a0);
                    a1 = DoubleVector.broadcast(S, v1).fma(c, a1);
                    a2 = DoubleVector.broadcast(S, v2).fma(c, a2);
                    a3 = DoubleVector.broadcast(S, v3).fma(c, a3);
                    n0 = Math.fma(v0, v0, n0);
                    n1 = Math.fma(v1, v1, n1);
                    n2 = Math.fma(v2, v2, n2);
                    n3 = Math.fma(v3, v3, n3);
                }
                anyBelow |= finishNarrow(r, a0.fma(minusTwo, norms), n0, distances, labels, o);
                anyBelow |= finishNarrow(r + 1, a1.fma(minusTwo, norms), n1, distances, labels, o);
                anyBelow |= finishNarrow(r + 2, a2.fma(minusTwo, norms), n2, distances, labels, o);
                anyBelow |= finishNarrow(r + 3, a3.fma(minusTwo, norms), n3, distances, labels, o);
            }
            check = anyBelow;
        }

        /** Where the next search of rows from {@code i0} writes its distances and labels. */
        private void outputs(int i0, double[] distances, int[] labels, int o) {
            this.outDistances = distances;
            this.outLabels = labels;
            this.outBase = o;
            this.i0 = i0;
        }

        /** The offset of row {@code i}, or of row {@code last} past it (a short tile's last group repeats its last row). */
        private int rowAt(int i, int last) {
            return x.offset(Math.min(i, last));
        }

        /**
         * {@link #narrow} for one centre, in scalar code: per row the chains of the centre's lane ({@code a} and
         * ‖x‖² by fused multiply-adds along features from 0, the score {@code fma(a, −2, ‖c‖²)}). The padding lanes
         * of {@code narrow} score +∞ (or NaN with the row), so its minimum is this score (NaN as {@code Math.min}
         * gives it) and its index 0: the same bits. Where {@code narrow} spent seven of its eight lanes on padding
         * (16 ns a row at 20 features, the same as for eight centres), four rows here make eight independent chains
         * of scalar fused multiply-adds (a k-means|| cost pass and every k-means++ step search one centre).
         */
        void single(int i0, int rows, double[] distances, int[] labels, int o) {
            outputs(i0, distances, labels, o);
            double[] xd = x.data();
            double[] sh = transposeShift;
            double[] p = panel;
            int stride = kPad;
            double norm = cn[0];
            boolean anyBelow = false;
            // a short tile's last group repeats its last row, as in narrow
            int last = i0 + rows - 1;
            for (int r = 0; r < rows; r += 4) {
                int o0 = x.offset(i0 + r);
                int o1 = rowAt(i0 + r + 1, last);
                int o2 = rowAt(i0 + r + 2, last);
                int o3 = rowAt(i0 + r + 3, last);
                double a0 = 0.0;
                double a1 = 0.0;
                double a2 = 0.0;
                double a3 = 0.0;
                double n0 = 0.0;
                double n1 = 0.0;
                double n2 = 0.0;
                double n3 = 0.0;
                for (int f = 0, q = 0; f < d; f++, q += stride) {
                    double c = p[q];
                    double s = sh[f];
                    double v0 = xd[o0 + f] - s;
                    double v1 = xd[o1 + f] - s;
                    double v2 = xd[o2 + f] - s;
                    double v3 = xd[o3 + f] - s;
                    a0 = Math.fma(v0, c, a0);
                    a1 = Math.fma(v1, c, a1);
                    a2 = Math.fma(v2, c, a2);
                    a3 = Math.fma(v3, c, a3);
                    n0 = Math.fma(v0, v0, n0);
                    n1 = Math.fma(v1, v1, n1);
                    n2 = Math.fma(v2, v2, n2);
                    n3 = Math.fma(v3, v3, n3);
                }
                anyBelow |= finishSingle(r, Math.fma(a0, -2.0, norm), n0, distances, labels, o);
                anyBelow |= finishSingle(r + 1, Math.fma(a1, -2.0, norm), n1, distances, labels, o);
                anyBelow |= finishSingle(r + 2, Math.fma(a2, -2.0, norm), n2, distances, labels, o);
                anyBelow |= finishSingle(r + 3, Math.fma(a3, -2.0, norm), n3, distances, labels, o);
            }
            check = anyBelow;
        }

        /** Row {@code r} of {@link #single} from its score and ‖x‖², as {@link #finishNarrow} finishes it. */
        private boolean finishSingle(int r, double score, double xn, double[] distances, int[] labels, int o) {
            double dist = Math.max(xn + score, 0.0);
            double lim = (xn + cnMax) * CANCELLATION;
            distances[o + r] = dist;
            labels[o + r] = 0;
            index[r] = 0;
            limit[r] = lim;
            return dist < lim;
        }

        /** Row {@code r} of {@link #narrow} from its scores and ‖x‖²; whether its distance is below its limit. */
        private boolean finishNarrow(int r, DoubleVector scores, double xn, double[] distances, int[] labels, int o) {
            double min = scores.reduceLanes(VectorOperators.MIN);
            int at = scores.compare(VectorOperators.EQ, min).firstTrue();
            if (at >= L) {
                at = 0; // no lane equals the minimum: only when every score is +∞ or NaN, where tile keeps index 0
            }
            double dist = Math.max(xn + min, 0.0);
            double lim = (xn + cnMax) * CANCELLATION;
            distances[o + r] = dist;
            labels[o + r] = at;
            index[r] = at;
            limit[r] = lim;
            return dist < lim;
        }

        /**
         * {@link #tile(int, int, double[], int[], int)} in scalar code, lane by lane with the vector code's
         * operations in its order (fused multiply-adds along features from 0, the score
         * {@code fma(a, −2, ‖c‖²)}, strict {@code <} in centre order, {@code max(‖x‖² + score, 0)}, the same
         * cancellation limit), so every output has the same bits, the tile's padding rows included.
         * Compiled by C1 or C2 in a moment, where the vector code needs C2 (see {@link SimdKMeans#warming}).
         */
        void tileScalar(int i0, int rows, double[] distances, int[] labels, int o) {
            loadTile(i0, rows, distances, labels, o);
            int block = SimdPreparedMatrix.TILE_ROWS;
            double[] tl = tile;
            int tb0 = base;
            double[] sc = scores;
            double[] idx = index;
            java.util.Arrays.fill(sc, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(idx, 0.0);
            int kS = kSearch;
            int j = 0;
            for (; j + 4 <= kS; j += 4) {
                double n0 = cn[j];
                double n1 = cn[j + 1];
                double n2 = cn[j + 2];
                double n3 = cn[j + 3];
                for (int r = 0; r < block; r++) {
                    double a0 = 0.0;
                    double a1 = 0.0;
                    double a2 = 0.0;
                    double a3 = 0.0;
                    for (int f = 0, t = tb0 + r, p = j; f < d; f++, t += block, p += kPad) {
                        double v = tl[t];
                        a0 = Math.fma(v, panel[p], a0);
                        a1 = Math.fma(v, panel[p + 1], a1);
                        a2 = Math.fma(v, panel[p + 2], a2);
                        a3 = Math.fma(v, panel[p + 3], a3);
                    }
                    double best = sc[r];
                    double at = idx[r];
                    double s = Math.fma(a0, -2.0, n0);
                    if (s < best) {
                        best = s;
                        at = j;
                    }
                    s = Math.fma(a1, -2.0, n1);
                    if (s < best) {
                        best = s;
                        at = j + 1;
                    }
                    s = Math.fma(a2, -2.0, n2);
                    if (s < best) {
                        best = s;
                        at = j + 2;
                    }
                    s = Math.fma(a3, -2.0, n3);
                    if (s < best) {
                        best = s;
                        at = j + 3;
                    }
                    sc[r] = best;
                    idx[r] = at;
                }
            }
            for (; j < kS; j++) {
                for (int r = 0; r < block; r++) {
                    double a0 = 0.0;
                    for (int f = 0, t = tb0 + r, p = j; f < d; f++, t += block, p += kPad) {
                        a0 = Math.fma(tl[t], panel[p], a0);
                    }
                    double s = Math.fma(a0, -2.0, cn[j]);
                    if (s < sc[r]) {
                        sc[r] = s;
                        idx[r] = j;
                    }
                }
            }
            boolean anyBelow = false;
            for (int r = 0; r < block; r++) {
                double xn;
                if (tl == prepared) {
                    xn = tl[tb0 + d * block + r];
                } else {
                    xn = 0.0;
                    for (int f = 0, t = tb0 + r; f < d; f++, t += block) {
                        xn = Math.fma(tl[t], tl[t], xn);
                    }
                }
                double dist = Math.max(xn + sc[r], 0.0);
                double lim = (xn + cnMax) * CANCELLATION;
                distances[o + r] = dist;
                labels[o + r] = (int) idx[r];
                limit[r] = lim;
                anyBelow |= dist < lim;
            }
            check = anyBelow;
        }

        /**
         * As {@link #tile(int, int)}, with the tile's distances (before the cancellation check) in
         * {@code distances[o …]} and its labels in {@code labels[o …]} (also in {@link #index}); both
         * need room for the whole tile. No branch depends on the caller: a branch that one phase of a fit
         * never takes makes the compiled code fall back to the interpreter when the next phase takes it.
         */
        void tile(int i0, int rows, double[] distances, int[] labels, int o) {
            loadTile(i0, rows, distances, labels, o);
            // vector constants as locals: C2 may fail to intrinsify operations on a static final vector
            DoubleVector minusTwo = DoubleVector.broadcast(S, -2.0);
            DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
            int block = SimdPreparedMatrix.TILE_ROWS;
            double[] tl = tile;
            int tb0 = base;
            DoubleVector bestA = inf;
            DoubleVector bestB = inf;
            DoubleVector idxA = DoubleVector.zero(S);
            DoubleVector idxB = idxA;
            int kS = kSearch;
            int j = 0;
            for (; j + 4 <= kS; j += 4) {
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector b0 = a0;
                DoubleVector a1 = a0;
                DoubleVector b1 = a0;
                DoubleVector a2 = a0;
                DoubleVector b2 = a0;
                DoubleVector a3 = a0;
                DoubleVector b3 = a0;
                for (int f = 0, t = tb0, p = j; f < d; f++, t += block, p += kPad) {
                    DoubleVector ta = DoubleVector.fromArray(S, tl, t);
                    DoubleVector tb = DoubleVector.fromArray(S, tl, t + L);
                    DoubleVector c0 = DoubleVector.broadcast(S, panel[p]);
                    a0 = ta.fma(c0, a0);
                    b0 = tb.fma(c0, b0);
                    DoubleVector c1 = DoubleVector.broadcast(S, panel[p + 1]);
                    a1 = ta.fma(c1, a1);
                    b1 = tb.fma(c1, b1);
                    DoubleVector c2 = DoubleVector.broadcast(S, panel[p + 2]);
                    a2 = ta.fma(c2, a2);
                    b2 = tb.fma(c2, b2);
                    DoubleVector c3 = DoubleVector.broadcast(S, panel[p + 3]);
                    a3 = ta.fma(c3, a3);
                    b3 = tb.fma(c3, b3);
                }
                DoubleVector n = DoubleVector.broadcast(S, cn[j]);
                DoubleVector id = DoubleVector.broadcast(S, j);
                DoubleVector s = a0.fma(minusTwo, n);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b0.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
                n = DoubleVector.broadcast(S, cn[j + 1]);
                id = DoubleVector.broadcast(S, j + 1);
                s = a1.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b1.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
                n = DoubleVector.broadcast(S, cn[j + 2]);
                id = DoubleVector.broadcast(S, j + 2);
                s = a2.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b2.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
                n = DoubleVector.broadcast(S, cn[j + 3]);
                id = DoubleVector.broadcast(S, j + 3);
                s = a3.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b3.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
            }
            for (; j < kS; j++) {
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector b0 = a0;
                for (int f = 0, t = tb0, p = j; f < d; f++, t += block, p += kPad) {
                    DoubleVector c0 = DoubleVector.broadcast(S, panel[p]);
                    a0 = DoubleVector.fromArray(S, tl, t).fma(c0, a0);
                    b0 = DoubleVector.fromArray(S, tl, t + L).fma(c0, b0);
                }
                DoubleVector n = DoubleVector.broadcast(S, cn[j]);
                DoubleVector id = DoubleVector.broadcast(S, j);
                DoubleVector s = a0.fma(minusTwo, n);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b0.fma(minusTwo, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
            }
            // the norms only now: loading a prepared tile's last line (its norms) before its first broke the
            // ascending stream the hardware prefetcher follows (3 ns a row over data in RAM, RESULTS "Session 10")
            DoubleVector xnA;
            DoubleVector xnB;
            if (tl == prepared) {
                xnA = DoubleVector.fromArray(S, tl, tb0 + d * block);
                xnB = DoubleVector.fromArray(S, tl, tb0 + d * block + L);
            } else {
                xnA = DoubleVector.zero(S);
                xnB = xnA;
                for (int f = 0, t = tb0; f < d; f++, t += block) {
                    DoubleVector ta = DoubleVector.fromArray(S, tl, t);
                    DoubleVector tb = DoubleVector.fromArray(S, tl, t + L);
                    xnA = ta.fma(ta, xnA);
                    xnB = tb.fma(tb, xnB);
                }
            }
            DoubleVector distA = xnA.add(bestA).max(0.0);
            DoubleVector distB = xnB.add(bestB).max(0.0);
            DoubleVector limA = xnA.add(cnMax).mul(CANCELLATION);
            DoubleVector limB = xnB.add(cnMax).mul(CANCELLATION);
            distA.intoArray(distances, o);
            distB.intoArray(distances, o + L);
            idxA.intoArray(index, 0);
            idxB.intoArray(index, L);
            for (int r = 0; r < block; r++) {
                labels[o + r] = (int) index[r];
            }
            check = distA.compare(VectorOperators.LT, limA).or(distB.compare(VectorOperators.LT, limB)).anyTrue();
            limA.intoArray(limit, 0);
            limB.intoArray(limit, L);
        }
    }

    /**
     * A thread's working arrays for {@link Search}, kept between calls: the pruned k-means|| update makes a
     * search for every group of every slab (hundreds of thousands a fit), and their own arrays (3 KB each at
     * 20 features) were 0.8 GB of a 20M-row fit's allocation, which a fresh JVM's heap grew into, paying a
     * page fault for every new page (bench/RESULTS.md, session 29). A thread runs one search at a time.
     */
    private static final class SearchBuffers {
        private static final ThreadLocal<SearchBuffers> MINE = new ThreadLocal<>();
        final int d;
        /** The transposed tile of rows that were not prepared. */
        final double[] tile;
        final double[] best = new double[SimdPreparedMatrix.TILE_ROWS];
        final double[] index = new double[SimdPreparedMatrix.TILE_ROWS];
        final int[] ownLabels = new int[SimdPreparedMatrix.TILE_ROWS];
        final double[] limit = new double[SimdPreparedMatrix.TILE_ROWS];
        final double[] lanes = new double[L];
        final double[] scores = new double[SimdPreparedMatrix.TILE_ROWS];
        /** The translation of untranslated rows: +0.0 in every feature, never written. */
        final double[] zeros;
        /** A translated row, for distances recomputed directly. */
        final double[] row;

        private SearchBuffers(int d) {
            this.d = d;
            this.tile = new double[d * SimdPreparedMatrix.TILE_ROWS];
            this.zeros = new double[d];
            this.row = new double[d];
        }

        static SearchBuffers of(int d) {
            SearchBuffers b = MINE.get();
            if (b == null || b.d != d) {
                b = new SearchBuffers(d);
                MINE.set(b);
            }
            return b;
        }
    }

    /**
     * Rows {@code [i0, i0 + rows)} of {@code x} minus {@code shift} into {@code tile[f·2L + r]}, zeros
     * for {@code r >= rows}. Row by row, so each row is read as one sequential run (and stays in cache
     * for the sums). Untranslated rows come with a shift of +0.0 (x − 0.0 is x, −0.0 included), not
     * through a branch of their own (see {@link Search#tile(int, int, double[], int[], int)}).
     */
    private static void transpose(Matrix x, int i0, int rows, double[] tile, double[] shift) {
        int block = SimdPreparedMatrix.TILE_ROWS;
        int d = x.cols();
        double[] xd = x.data();
        for (int r = 0; r < rows; r++) {
            int o = x.offset(i0 + r);
            for (int f = 0, t = r; f < d; f++, t += block) {
                tile[t] = xd[o + f] - shift[f];
            }
        }
        for (int r = rows; r < block; r++) {
            for (int f = 0, t = r; f < d; f++, t += block) {
                tile[t] = 0.0;
            }
        }
    }

    /**
     * {@code sums[s + j] += src[o + j]} for {@code j < d}: whole vectors, then one vector whose lanes past
     * {@code d} add +0.0 to the next sums, which leaves them unchanged (a sum that starts at +0.0 is never
     * −0.0), or, at the end of either array, one element at a time.
     */
    private static void addRow(double[] src, int o, double[] sums, int s, int d, int bound,
                               VectorMask<Double> tail) {
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.fromArray(S, src, o + j)).intoArray(sums, s + j);
        }
        if (j < d) {
            if (s + j + L <= sums.length && o + j + L <= src.length) {
                DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.zero(S).blend(DoubleVector.fromArray(S, src, o + j), tail))
                        .intoArray(sums, s + j);
            } else {
                for (; j < d; j++) {
                    sums[s + j] += src[o + j];
                }
            }
        }
    }

    /**
     * {@code sums[s + j] += w·src[o + j]}: fused multiply-adds over the first {@code bound} features,
     * a multiply then an add for the rest (as the SIMD backend has always rounded them).
     */
    private static void addWeightedRow(double[] src, int o, double w, double[] sums, int s, int d, int bound) {
        DoubleVector wv = DoubleVector.broadcast(S, w);
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector.fromArray(S, src, o + j).fma(wv, DoubleVector.fromArray(S, sums, s + j))
                    .intoArray(sums, s + j);
        }
        for (; j < d; j++) {
            sums[s + j] += w * src[o + j];
        }
    }

    /** As {@link #addRow} / {@link #addWeightedRow}, reading the row from its tile: {@code src[t + f·T]}. */
    private static void addFromTile(double[] tile, int t, int block, double[] sums, int s, int d, int bound,
                                    double[] sampleWeight, double w) {
        if (sampleWeight == null) {
            for (int f = 0; f < d; f++, t += block) {
                sums[s + f] += tile[t];
            }
        } else {
            int f = 0;
            for (; f < bound; f++, t += block) {
                sums[s + f] = Math.fma(tile[t], w, sums[s + f]);
            }
            for (; f < d; f++, t += block) {
                sums[s + f] += w * tile[t];
            }
        }
    }

    /**
     * Many features: centres in lanes, from the centres' panel, four rows per pass; the label comes
     * from a horizontal minimum per row and the distance is always recomputed directly (its d
     * operations are small next to the search's k·d).
     */
    private static void nearestAcrossCentres(Matrix x, int from, int to, SimdPreparedMatrix c, int[] labels,
                                             double[] distances, int outOffset) {
        double[] panel = c.panel();
        double[] cn = c.normsPadded();
        int kPad = c.paddedRows();
        int vectors = kPad / L;
        int d = x.cols();
        double[] xd = x.data();
        double[] lanes = new double[L];
        // vector constants as locals: C2 may fail to intrinsify operations on a static final vector
        DoubleVector minusTwo = DoubleVector.broadcast(S, -2.0);
        DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        DoubleVector iota = DoubleVector.zero(S).addIndex(1);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int o0 = x.offset(i);
            int o1 = x.offset(i + 1);
            int o2 = x.offset(i + 2);
            int o3 = x.offset(i + 3);
            DoubleVector bv0 = inf;
            DoubleVector bv1 = inf;
            DoubleVector bv2 = inf;
            DoubleVector bv3 = inf;
            DoubleVector bi0 = DoubleVector.zero(S);
            DoubleVector bi1 = bi0;
            DoubleVector bi2 = bi0;
            DoubleVector bi3 = bi0;
            int v = 0;
            for (; v + 2 <= vectors; v += 2) {
                int p = v * L;
                DoubleVector a00 = DoubleVector.zero(S);
                DoubleVector a01 = a00;
                DoubleVector a10 = a00;
                DoubleVector a11 = a00;
                DoubleVector a20 = a00;
                DoubleVector a21 = a00;
                DoubleVector a30 = a00;
                DoubleVector a31 = a00;
                for (int f = 0, q = p; f < d; f++, q += kPad) {
                    DoubleVector t0 = DoubleVector.fromArray(S, panel, q);
                    DoubleVector t1 = DoubleVector.fromArray(S, panel, q + L);
                    DoubleVector x0 = DoubleVector.broadcast(S, xd[o0 + f]);
                    a00 = t0.fma(x0, a00);
                    a01 = t1.fma(x0, a01);
                    DoubleVector x1 = DoubleVector.broadcast(S, xd[o1 + f]);
                    a10 = t0.fma(x1, a10);
                    a11 = t1.fma(x1, a11);
                    DoubleVector x2 = DoubleVector.broadcast(S, xd[o2 + f]);
                    a20 = t0.fma(x2, a20);
                    a21 = t1.fma(x2, a21);
                    DoubleVector x3 = DoubleVector.broadcast(S, xd[o3 + f]);
                    a30 = t0.fma(x3, a30);
                    a31 = t1.fma(x3, a31);
                }
                DoubleVector n0 = DoubleVector.fromArray(S, cn, p);
                DoubleVector n1 = DoubleVector.fromArray(S, cn, p + L);
                DoubleVector id0 = iota.add(p);
                DoubleVector id1 = iota.add(p + L);
                DoubleVector s = a00.fma(minusTwo, n0);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(id0, m);
                s = a01.fma(minusTwo, n1);
                m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(id1, m);
                s = a10.fma(minusTwo, n0);
                m = s.compare(VectorOperators.LT, bv1);
                bv1 = bv1.blend(s, m);
                bi1 = bi1.blend(id0, m);
                s = a11.fma(minusTwo, n1);
                m = s.compare(VectorOperators.LT, bv1);
                bv1 = bv1.blend(s, m);
                bi1 = bi1.blend(id1, m);
                s = a20.fma(minusTwo, n0);
                m = s.compare(VectorOperators.LT, bv2);
                bv2 = bv2.blend(s, m);
                bi2 = bi2.blend(id0, m);
                s = a21.fma(minusTwo, n1);
                m = s.compare(VectorOperators.LT, bv2);
                bv2 = bv2.blend(s, m);
                bi2 = bi2.blend(id1, m);
                s = a30.fma(minusTwo, n0);
                m = s.compare(VectorOperators.LT, bv3);
                bv3 = bv3.blend(s, m);
                bi3 = bi3.blend(id0, m);
                s = a31.fma(minusTwo, n1);
                m = s.compare(VectorOperators.LT, bv3);
                bv3 = bv3.blend(s, m);
                bi3 = bi3.blend(id1, m);
            }
            if (v < vectors) {
                int p = v * L;
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                for (int f = 0, q = p; f < d; f++, q += kPad) {
                    DoubleVector t0 = DoubleVector.fromArray(S, panel, q);
                    a0 = t0.fma(DoubleVector.broadcast(S, xd[o0 + f]), a0);
                    a1 = t0.fma(DoubleVector.broadcast(S, xd[o1 + f]), a1);
                    a2 = t0.fma(DoubleVector.broadcast(S, xd[o2 + f]), a2);
                    a3 = t0.fma(DoubleVector.broadcast(S, xd[o3 + f]), a3);
                }
                DoubleVector n0 = DoubleVector.fromArray(S, cn, p);
                DoubleVector id0 = iota.add(p);
                DoubleVector s = a0.fma(minusTwo, n0);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(id0, m);
                s = a1.fma(minusTwo, n0);
                m = s.compare(VectorOperators.LT, bv1);
                bv1 = bv1.blend(s, m);
                bi1 = bi1.blend(id0, m);
                s = a2.fma(minusTwo, n0);
                m = s.compare(VectorOperators.LT, bv2);
                bv2 = bv2.blend(s, m);
                bi2 = bi2.blend(id0, m);
                s = a3.fma(minusTwo, n0);
                m = s.compare(VectorOperators.LT, bv3);
                bv3 = bv3.blend(s, m);
                bi3 = bi3.blend(id0, m);
            }
            finishRow(x, i, c, argmin(bv0, bi0, inf), labels, distances, outOffset + i - from, lanes);
            finishRow(x, i + 1, c, argmin(bv1, bi1, inf), labels, distances, outOffset + i + 1 - from, lanes);
            finishRow(x, i + 2, c, argmin(bv2, bi2, inf), labels, distances, outOffset + i + 2 - from, lanes);
            finishRow(x, i + 3, c, argmin(bv3, bi3, inf), labels, distances, outOffset + i + 3 - from, lanes);
        }
        for (; i < to; i++) {
            int o0 = x.offset(i);
            DoubleVector bv0 = inf;
            DoubleVector bi0 = DoubleVector.zero(S);
            for (int v = 0; v < vectors; v++) {
                int p = v * L;
                DoubleVector a0 = DoubleVector.zero(S);
                for (int f = 0, q = p; f < d; f++, q += kPad) {
                    a0 = DoubleVector.fromArray(S, panel, q).fma(DoubleVector.broadcast(S, xd[o0 + f]), a0);
                }
                DoubleVector s = a0.fma(minusTwo, DoubleVector.fromArray(S, cn, p));
                VectorMask<Double> m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(iota.add(p), m);
            }
            finishRow(x, i, c, argmin(bv0, bi0, inf), labels, distances, outOffset + i - from, lanes);
        }
    }

    /** The lowest centre index among the lanes holding the smallest score. */
    private static int argmin(DoubleVector best, DoubleVector index, DoubleVector inf) {
        double min = best.reduceLanes(VectorOperators.MIN);
        VectorMask<Double> atMin = best.compare(VectorOperators.EQ, min);
        double idx = inf.blend(index, atMin).reduceLanes(VectorOperators.MIN);
        return idx < Integer.MAX_VALUE ? (int) idx : 0;
    }

    /** Writes the label and the directly recomputed squared distance of row i to centre {@code label}. */
    private static void finishRow(Matrix x, int i, SimdPreparedMatrix c, int label, int[] labels,
                                  double[] distances, int o, double[] lanes) {
        labels[o] = label;
        distances[o] = squaredDistance(x.data(), x.offset(i), c.matrix().data(), c.matrix().offset(label), x.cols(),
                lanes);
    }

    /** {@code Σ_j (x_j − y_j)²}: vector lanes, summed in lane order, then the scalar tail. */
    static double squaredDistance(double[] xd, int ox, double[] yd, int oy, int d, double[] lanes) {
        int bound = S.loopBound(d);
        double s = 0.0;
        if (bound > 0) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                DoubleVector t = DoubleVector.fromArray(S, xd, ox + j).sub(DoubleVector.fromArray(S, yd, oy + j));
                acc = t.fma(t, acc);
            }
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (int j = bound; j < d; j++) {
            double t = xd[ox + j] - yd[oy + j];
            s += t * t;
        }
        return s;
    }

    /** {@link #squaredDistance} in scalar code: each lane's fused multiply-adds, the lanes summed in order, the tail. */
    static double squaredDistanceScalar(double[] xd, int ox, double[] yd, int oy, int d) {
        int bound = d - d % L;
        double s = 0.0;
        if (bound > 0) {
            for (int l = 0; l < L; l++) {
                double acc = 0.0;
                for (int j = l; j < bound; j += L) {
                    double t = xd[ox + j] - yd[oy + j];
                    acc = Math.fma(t, t, acc);
                }
                s += acc;
            }
        }
        for (int j = bound; j < d; j++) {
            double t = xd[ox + j] - yd[oy + j];
            s += t * t;
        }
        return s;
    }

    /** {@inheritDoc} Vectorised along features; each row's contribution is added in row order. */
    @Override
    public void accumulate(Matrix x, int from, int to, double[] sampleWeight, int[] labels, int labelsOffset,
                           double[] sums, double[] counts) {
        double[] xd = x.data();
        int d = x.cols();
        int bound = S.loopBound(d);
        for (int i = from; i < to; i++) {
            int l = labels[labelsOffset + i - from];
            double w = sampleWeight == null ? 1.0 : sampleWeight[i];
            int o = x.offset(i);
            int s = l * d;
            if (sampleWeight == null) {
                for (int j = 0; j < bound; j += L) {
                    DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.fromArray(S, xd, o + j))
                            .intoArray(sums, s + j);
                }
                for (int j = bound; j < d; j++) {
                    sums[s + j] += xd[o + j];
                }
            } else {
                DoubleVector wv = DoubleVector.broadcast(S, w);
                for (int j = 0; j < bound; j += L) {
                    DoubleVector.fromArray(S, xd, o + j).fma(wv, DoubleVector.fromArray(S, sums, s + j))
                            .intoArray(sums, s + j);
                }
                for (int j = bound; j < d; j++) {
                    sums[s + j] += w * xd[o + j];
                }
            }
            counts[l] += w;
        }
    }
}
