package org.paraml.data;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * numpy's legacy {@code np.random.RandomState}: the same MT19937 stream and the same legacy
 * algorithms on top of it, so that a seed gives the same numbers here as in numpy (and therefore
 * the same datasets as scikit-learn's generators, which draw from a {@code RandomState}).
 *
 * <p>What each method mirrors:
 * <ul>
 *   <li>{@link #randomSample()}: {@code random_sample} — {@code ((a ≫ 5)·2²⁶ + (b ≫ 6)) / 2⁵³}
 *       from two 32-bit outputs a, b.</li>
 *   <li>{@link #uniform(double, double)}: {@code uniform} — {@code low + (high − low) · u}.</li>
 *   <li>{@link #standardNormal()}: {@code standard_normal} — the legacy Marsaglia polar method:
 *       draw {@code x1 = 2u₁ − 1}, {@code x2 = 2u₂ − 1} until {@code 0 < r² = x1² + x2² < 1}, then
 *       {@code f = √(−2 ln r² / r²)}; return {@code f·x2} and keep {@code f·x1} for the next call
 *       (numpy's {@code has_gauss} / {@code gauss} cache, which is part of the stream's state).</li>
 *   <li>{@link #normal(double, double)}: {@code normal} — {@code loc + scale · standardNormal()}.</li>
 *   <li>{@link #randint(long, long)}: {@code randint} with the default int64 dtype — masked
 *       rejection sampling over {@code rng = high − 1 − low}: draw, AND with the smallest all-ones
 *       mask covering {@code rng}, reject while above {@code rng}; one 32-bit output per try when
 *       {@code rng < 2³²}, else one 64-bit ({@code (a ≪ 32) | b}); {@code rng = 0} draws nothing.</li>
 *   <li>{@link #shuffle(int[])} / {@link #permutation(int)}: {@code shuffle} / {@code permutation}
 *       — Fisher–Yates from the end: for {@code i = n−1 … 1} swap element {@code i} with element
 *       {@code j = random_interval(i)} (masked rejection as above, without an offset).</li>
 * </ul>
 *
 * <p>Each array method draws its values in order, exactly as the corresponding numpy call with
 * {@code size=n} does, so a row-major {@code (rows, cols)} draw is the same as {@code rows·cols}
 * values from the array method.
 *
 * <p><b>Not thread-safe.</b> A {@code RandomState} is one deterministic stream with mutable state;
 * use one per thread (or per block, per task), never share one between threads.
 */
public final class RandomState {
    /** The largest seed numpy accepts, {@code 2**32 - 1}. */
    public static final long MAX_SEED = 0xffffffffL;

    /** Polar pairs drawn before their logarithms are taken, in {@code normalInto}. */
    private static final int PAIRS_PER_BATCH = 512;

    private final MersenneTwister mt;
    private boolean hasGauss;
    private double gauss;

    /**
     * {@code np.random.RandomState(seed)}: MT19937 seeded with {@code init_genrand(seed)}.
     *
     * @param seed in [0, 2³² − 1], as numpy requires
     */
    public RandomState(long seed) {
        checkSeed(seed);
        this.mt = new MersenneTwister((int) seed);
    }

    private RandomState(MersenneTwister mt) {
        this.mt = mt;
    }

    /**
     * {@code np.random.RandomState([k0, k1, ...])}: MT19937 seeded with {@code init_by_array(key)}.
     *
     * @param key one or more seed words, each in [0, 2³² − 1]
     */
    public static RandomState fromKey(long... key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("Seed must be non-empty");
        }
        int[] words = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            checkSeed(key[i]);
            words[i] = (int) key[i];
        }
        MersenneTwister mt = new MersenneTwister(0);
        mt.seedByArray(words);
        return new RandomState(mt);
    }

    /**
     * A stream seeded from the operating system's entropy ({@code RandomState(None)}): 624 words
     * from {@link SecureRandom} through {@code init_by_array}. Not reproducible, by design.
     */
    public static RandomState fromEntropy() {
        SecureRandom entropy = new SecureRandom();
        int[] words = new int[624];
        for (int i = 0; i < words.length; i++) {
            words[i] = entropy.nextInt();
        }
        MersenneTwister mt = new MersenneTwister(0);
        mt.seedByArray(words);
        return new RandomState(mt);
    }

    private static void checkSeed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1, got " + seed);
        }
    }

    // ---------------------------------------------------------------- uniform

    /** {@code random_sample()}: a double in [0, 1) with 53 random bits, from two 32-bit outputs. */
    public double randomSample() {
        return mt.nextDouble();
    }

    /** {@code random_sample(n)}: {@code n} values of {@link #randomSample()}, in order. */
    public double[] randomSample(int n) {
        double[] out = new double[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = mt.nextDouble();
        }
        return out;
    }

    /**
     * {@code uniform(low, high)}: {@code low + (high − low) · u} with {@code u = randomSample()};
     * in [low, high) up to rounding. As numpy, {@code low > high} is allowed (the range is then
     * negative); a non-finite range is rejected.
     */
    public double uniform(double low, double high) {
        return low + checkRange(low, high) * mt.nextDouble();
    }

    /** {@code uniform(low, high, size=n)}: {@code n} values of {@link #uniform(double, double)}, in order. */
    public double[] uniform(double low, double high, int n) {
        double range = checkRange(low, high);
        double[] out = new double[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = low + range * mt.nextDouble();
        }
        return out;
    }

    private static double checkRange(double low, double high) {
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new ArithmeticException("Range exceeds valid bounds: high - low = " + high + " - " + low
                    + " is not finite");
        }
        return range;
    }

    // ---------------------------------------------------------------- gaussian

    /**
     * {@code standard_normal()}: one N(0, 1) value by numpy's legacy polar method, which makes two
     * values per accepted pair and hands out the second (cached) one on the next call.
     *
     * <p>The logarithm in {@code f = √(−2 ln r² / r²)} is correctly rounded
     * (see {@code CorrectlyRoundedLog}), the same on every JVM and platform. numpy calls the C
     * library's {@code log}; glibc's is not always correctly rounded (about 3 inputs in 10,000 come
     * back one ulp off), and on those draws the pair of values differs from numpy's by an ulp or
     * two. Which uniforms are drawn and which pairs are rejected never differs, so the stream stays
     * aligned with numpy's.
     */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            double cached = gauss;
            gauss = 0.0;
            return cached;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * mt.nextDouble() - 1.0;
            x2 = 2.0 * mt.nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * CorrectlyRoundedLog.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code standard_normal(n)}: {@code n} values of {@link #standardNormal()}, in order. */
    public double[] standardNormal(int n) {
        double[] out = new double[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = standardNormal();
        }
        return out;
    }

    /** {@code normal(loc, scale)}: {@code loc + scale · standardNormal()}; {@code scale} must be ≥ 0. */
    public double normal(double loc, double scale) {
        checkScale(scale);
        return loc + scale * standardNormal();
    }

    /** {@code normal(loc, scale, size=n)}: {@code n} values of {@link #normal(double, double)}, in order. */
    public double[] normal(double loc, double scale, int n) {
        checkScale(scale);
        double[] out = new double[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = loc + scale * standardNormal();
        }
        return out;
    }

    /**
     * {@code normal(loc=locs, scale, size=(n, len(locs)))}: an {@code n × locs.length} row-major
     * block where element (i, j) is {@code locs[j] + scale · standardNormal()}, drawn row by row
     * (numpy's broadcasting of a vector {@code loc} over the last axis).
     */
    public double[] normal(double[] locs, double scale, int n) {
        Objects.requireNonNull(locs, "locs");
        checkScale(scale);
        double[] out = new double[Math.multiplyExact(checkSize(n), locs.length)];
        normalInto(locs, scale, n, out, 0);
        return out;
    }

    /**
     * {@link #normal(double[], double, int)} written into {@code out[offset ..]}: element (i, j) at
     * {@code out[offset + i·locs.length + j]}. The same values and the same stream state afterwards, but
     * the polar pairs are used two at a time (both values of a pair written at once) with no per-value
     * call.
     */
    void normalInto(double[] locs, double scale, int n, double[] out, int offset) {
        int d = locs.length;
        int total = Math.multiplyExact(n, d);
        int p = 0;
        int j = 0;
        if (total > 0 && hasGauss) {
            out[offset] = locs[0] + scale * gauss;
            hasGauss = false;
            gauss = 0.0;
            p = 1;
            j = d == 1 ? 0 : 1;
        }
        MersenneTwister g = mt;
        double[] u1 = new double[Math.min(PAIRS_PER_BATCH, (total - p) / 2)];
        double[] u2 = new double[u1.length];
        double[] rr = new double[u1.length];
        while (p + 2 <= total) {
            // the accepted pairs of a batch first (all the draws, in stream order), then their logarithms
            // in a loop of independent iterations, so that the divisions of one overlap the next
            int batch = Math.min(u1.length, (total - p) / 2);
            drawPolarPairs(g, batch, u1, u2, rr);
            for (int b = 0; b < batch; b++) {
                rr[b] = Math.sqrt(-2.0 * CorrectlyRoundedLog.log(rr[b]) / rr[b]);
            }
            for (int b = 0; b < batch; b++, p += 2) {
                double f = rr[b];
                out[offset + p] = locs[j] + scale * (f * u2[b]);
                if (++j == d) {
                    j = 0;
                }
                out[offset + p + 1] = locs[j] + scale * (f * u1[b]);
                if (++j == d) {
                    j = 0;
                }
            }
        }
        if (p < total) {
            out[offset + p] = locs[j] + scale * standardNormal();
        }
    }

    /**
     * {@code batch} accepted pairs of the polar method, {@code (x1, x2, r²)} with {@code 0 < r² < 1}, drawn as
     * {@link #standardNormal()} draws them ({@code x = 2u − 1}, u from two outputs as {@code random_sample}):
     * the same outputs consumed, the same pairs rejected. The attempts that fit in the generator's current
     * state read its outputs straight from its buffer (four a try), the rare one that straddles a
     * regeneration goes through {@link MersenneTwister#nextDouble()}; a rejected try is overwritten by the
     * next one instead of branching back, since one try in five is rejected at random.
     */
    private static void drawPolarPairs(MersenneTwister g, int batch, double[] u1, double[] u2, double[] rr) {
        int b = 0;
        while (b < batch) {
            int tries = g.available() >> 2;
            if (tries == 0) {
                double x1 = 2.0 * g.nextDouble() - 1.0;
                double x2 = 2.0 * g.nextDouble() - 1.0;
                double r2 = x1 * x1 + x2 * x2;
                u1[b] = x1;
                u2[b] = x2;
                rr[b] = r2;
                b += r2 < 1.0 && r2 != 0.0 ? 1 : 0;
                continue;
            }
            int[] w = g.words();
            int q = g.position();
            int start = q;
            int end = q + 4 * tries;
            for (; q < end && b < batch; q += 4) {
                double x1 = 2.0 * MersenneTwister.toDouble(w[q], w[q + 1]) - 1.0;
                double x2 = 2.0 * MersenneTwister.toDouble(w[q + 2], w[q + 3]) - 1.0;
                double r2 = x1 * x1 + x2 * x2;
                u1[b] = x1;
                u2[b] = x2;
                rr[b] = r2;
                b += r2 < 1.0 && r2 != 0.0 ? 1 : 0;
            }
            g.advance(q - start);
        }
    }

    private static void checkScale(double scale) {
        if (!(scale >= 0.0)) {
            throw new IllegalArgumentException("scale < 0: scale must be >= 0, got " + scale);
        }
    }

    // ---------------------------------------------------------------- integers

    /** {@code randint(high)}: an integer in [0, high); {@code high} must be > 0. */
    public long randint(long high) {
        if (high <= 0) {
            throw new IllegalArgumentException("high <= 0: randint(high) needs high > 0, got " + high);
        }
        return boundedMasked(0, high - 1);
    }

    /** {@code randint(low, high)}: an integer in [low, high), by masked rejection sampling; needs low < high. */
    public long randint(long low, long high) {
        checkBounds(low, high);
        return boundedMasked(low, high - 1 - low);
    }

    /**
     * {@code randint(low, high, size=n)}: {@code n} values of {@link #randint(long, long)}, in order.
     * (There is deliberately no {@code randint(high, n)}: next to {@code randint(low, high)} that
     * overload would silently capture {@code randint(0, 10)}; write {@code randint(0, high, n)}.)
     */
    public long[] randint(long low, long high, int n) {
        checkBounds(low, high);
        long rng = high - 1 - low;
        long[] out = new long[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = boundedMasked(low, rng);
        }
        return out;
    }

    private static void checkBounds(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("low >= high: randint needs low < high, got low = " + low
                    + ", high = " + high);
        }
    }

    /**
     * {@code off + v} where {@code v} is uniform in [0, rng] ({@code rng} read unsigned): numpy's
     * {@code random_bounded_uint64} with {@code use_masked = true}.
     */
    private long boundedMasked(long off, long rng) {
        if (rng == 0) {
            return off;
        }
        if (Long.compareUnsigned(rng, 0xffffffffL) <= 0) {
            if (rng == 0xffffffffL) {
                return off + mt.nextUnsignedInt();
            }
            long mask = mask(rng);
            long v;
            do {
                v = mt.nextUnsignedInt() & mask;
            } while (v > rng);
            return off + v;
        }
        if (rng == -1L) {
            return off + mt.nextLong();
        }
        long mask = mask(rng);
        long v;
        do {
            v = mt.nextLong() & mask;
        } while (Long.compareUnsigned(v, rng) > 0);
        return off + v;
    }

    /**
     * numpy's {@code random_interval(max)}: uniform in [0, max] by masked rejection, with 32-bit
     * outputs when {@code max < 2³²} and 64-bit ones otherwise. The index draw of {@link #shuffle}.
     */
    long randomInterval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = mask(max);
        long v;
        if (Long.compareUnsigned(max, 0xffffffffL) <= 0) {
            do {
                v = mt.nextUnsignedInt() & mask;
            } while (v > max);
        } else {
            do {
                v = mt.nextLong() & mask;
            } while (Long.compareUnsigned(v, max) > 0);
        }
        return v;
    }

    /** The smallest {@code 2^k − 1} that is ≥ {@code x} (unsigned). */
    private static long mask(long x) {
        return x == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(x);
    }

    // ---------------------------------------------------------------- permutations

    /** {@code shuffle(a)} in place: Fisher–Yates from the last element, {@code j = random_interval(i)}. */
    public void shuffle(int[] a) {
        Objects.requireNonNull(a, "a");
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code shuffle(a)} in place, as {@link #shuffle(int[])}. */
    public void shuffle(long[] a) {
        Objects.requireNonNull(a, "a");
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code shuffle(a)} in place, as {@link #shuffle(int[])}. */
    public void shuffle(double[] a) {
        Objects.requireNonNull(a, "a");
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code permutation(n)}: {@code 0 … n−1} shuffled by {@link #shuffle(int[])}. */
    public int[] permutation(int n) {
        int[] out = new int[checkSize(n)];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        shuffle(out);
        return out;
    }

    private static int checkSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative dimensions are not allowed: size = " + n);
        }
        return n;
    }
}
