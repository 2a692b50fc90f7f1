package org.paraml.data;

import java.util.Objects;

/**
 * The MT19937 Mersenne Twister of Matsumoto and Nishimura (1998): a 624-word (19937-bit) state,
 * a linear recurrence over GF(2) that regenerates the whole state every 624 outputs, and a
 * tempering transform applied to each word on the way out. Period 2<sup>19937</sup> − 1.
 *
 * <p>This is the generator behind numpy's legacy {@code np.random.RandomState}, and it is seeded
 * the two ways numpy seeds it:
 * <ul>
 *   <li>{@link #seed(int)} — the reference {@code init_genrand}: word 0 is the seed and word
 *       {@code i} is {@code 1812433253 · (w[i−1] ⊕ (w[i−1] ≫ 30)) + i (mod 2³²)}. numpy uses this
 *       for an integer seed ({@code RandomState(0)}); the reference seed 5489 yields
 *       3499211612 first, as numpy does.</li>
 *   <li>{@link #seedByArray(int[])} — the reference {@code init_by_array}, which numpy uses for an
 *       array seed ({@code RandomState([1, 2, 3])}) and for entropy seeding.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance is one deterministic stream, to be used by one thread at a
 * time. Derive separate streams (separate seeds) for separate threads or blocks.
 */
public final class MersenneTwister {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    /** The outputs of the current state: {@code mt} tempered, made by {@link #regenerate()} all at once. */
    private final int[] tempered = new int[N];
    private int index = N;

    /** A generator seeded with {@code init_genrand(seed)}; {@code seed} is taken as an unsigned 32-bit word. */
    public MersenneTwister(int seed) {
        seed(seed);
    }

    /**
     * Reseeds with the reference {@code init_genrand}: {@code w[0] = seed},
     * {@code w[i] = 1812433253 · (w[i−1] ⊕ (w[i−1] ≫ 30)) + i} (unsigned 32-bit arithmetic),
     * and the next output starts a fresh regeneration of the state.
     */
    public void seed(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /**
     * Reseeds with the reference {@code init_by_array}: {@code init_genrand(19650218)}, then two
     * mixing passes that fold every word of {@code key} into the state, and finally
     * {@code w[0] = 0x80000000} so that the state is never all zero.
     *
     * @param key the seed words (unsigned 32-bit each); at least one
     */
    public void seedByArray(int[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must hold at least one word, got an empty array");
        }
        seed(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            int prev = mt[i - 1];
            mt[i] = (mt[i] ^ ((prev ^ (prev >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
        index = N;
    }

    /** The next tempered 32-bit output, as the bits of an {@code int} (read it unsigned). */
    public int nextInt() {
        if (index >= N) {
            regenerate();
        }
        return tempered[index++];
    }

    /** The next output as an unsigned value in [0, 2³²). */
    public long nextUnsignedInt() {
        return nextInt() & 0xffffffffL;
    }

    /**
     * 64 random bits from two outputs, the first in the high word: {@code (a ≪ 32) | b}, as
     * numpy's MT19937 {@code next_uint64}.
     */
    public long nextLong() {
        long hi = nextUnsignedInt();
        long lo = nextUnsignedInt();
        return (hi << 32) | lo;
    }

    /**
     * A double in [0, 1) with 53 random bits from two outputs:
     * {@code ((a ≫ 5) · 2²⁶ + (b ≫ 6)) / 2⁵³}, as numpy's {@code random_sample} (and the reference
     * {@code genrand_res53}).
     */
    public double nextDouble() {
        int a = nextInt();
        return toDouble(a, nextInt());
    }

    /**
     * The double of {@link #nextDouble()} made from the outputs {@code a} then {@code b} (read unsigned):
     * {@code ((a ≫ 5) · 2²⁶ + (b ≫ 6)) / 2⁵³}.
     */
    static double toDouble(int a, int b) {
        return ((a >>> 5) * 67108864.0 + (b >>> 6)) / 9007199254740992.0;
    }

    /**
     * How many outputs of the current state are left to hand out ({@code ≥ 1}): they are
     * {@code words()[position() … position() + available())}, already tempered, the next one first.
     * Regenerates the state when none is left. With {@link #words()}, {@link #position()} and
     * {@link #advance(int)}, a caller in this package draws many outputs in a loop of its own, with no call
     * and no end-of-state check per output ({@code RandomState}'s Gaussian draws).
     */
    int available() {
        if (index >= N) {
            regenerate();
        }
        return N - index;
    }

    /** The tempered outputs of the current state (read only; see {@link #available()}). */
    int[] words() {
        return tempered;
    }

    /** The index in {@link #words()} of the next output. */
    int position() {
        return index;
    }

    /** Hands out {@code count} outputs read from {@link #words()}, at most {@link #available()}. */
    void advance(int count) {
        index += count;
    }

    /**
     * Regenerates all 624 words of the state (the "twist"), in place and in order:
     * {@code w[k] = w[(k + M) mod N] ⊕ (y ≫ 1) ⊕ (y odd ? MATRIX_A : 0)} with {@code y} the upper bit of
     * {@code w[k]} and the lower 31 bits of {@code w[(k + 1) mod N]}. Split at the two wrap-arounds so that
     * no index needs a modulo, and branch-free; then tempers the whole state at once (a loop the JIT
     * vectorises) into the outputs that {@link #nextInt()} hands out.
     */
    private void regenerate() {
        int[] s = mt;
        int k = 0;
        for (; k < N - M; k++) {
            int y = (s[k] & UPPER_MASK) | (s[k + 1] & LOWER_MASK);
            s[k] = s[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (s[k] & UPPER_MASK) | (s[k + 1] & LOWER_MASK);
            s[k] = s[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (s[N - 1] & UPPER_MASK) | (s[0] & LOWER_MASK);
        s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        int[] t = tempered;
        for (int i = 0; i < N; i++) {
            int v = s[i];
            v ^= v >>> 11;
            v ^= (v << 7) & 0x9d2c5680;
            v ^= (v << 15) & 0xefc60000;
            v ^= v >>> 18;
            t[i] = v;
        }
        index = 0;
    }
}
