package org.paraml.svm;

import java.security.SecureRandom;

/**
 * The random numbers of scikit-learn's copy of libsvm.
 *
 * <p>scikit-learn seeds its libsvm with {@code random_seed = check_random_state(random_state)
 * .randint(np.iinfo('i').max)} (numpy's legacy {@code RandomState}; see {@link #deriveSeed(Long)}),
 * and libsvm re-seeds a 32-bit Mersenne Twister ({@code std::mt19937}) with it at the start of every
 * {@code svm_train}, including the trainings inside the probability cross-validation. Draws in a
 * range use {@code bounded_rand_int}: Lemire's multiply-shift with rejection, as in
 * scikit-learn's {@code newrand.h} ({@link #boundedInt(int)}).
 *
 * <p>Not thread-safe: one fit owns one instance.
 */
final class SklearnRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int mti;
    private final int seed;

    /** A generator that {@link #reseed()} resets to {@code seed} (a value in {@code [0, 2^31 − 1)}). */
    SklearnRandom(int seed) {
        this.seed = seed;
        reseed();
    }

    /** The seed this generator is reset to. */
    int seed() {
        return seed;
    }

    /** Resets the stream to its start, as libsvm's {@code set_seed(random_seed)} does at each {@code svm_train}. */
    void reseed() {
        init(mt, seed);
        mti = N;
    }

    /** The next 32 bits of MT19937 as an unsigned value. */
    long nextUnsigned() {
        if (mti >= N) {
            twist(mt);
            mti = 0;
        }
        int x = mt[mti++];
        x ^= x >>> 11;
        x ^= (x << 7) & 0x9d2c5680;
        x ^= (x << 15) & 0xefc60000;
        x ^= x >>> 18;
        return x & 0xffffffffL;
    }

    /**
     * A uniform integer in {@code [0, range)} for {@code range >= 1}, drawn as scikit-learn's
     * {@code bounded_rand_int}: {@code m = x·range} (64 bits) for a 32-bit draw x; the high half is
     * the result unless the low half falls below {@code 2^32 mod range}, in which case x is redrawn.
     */
    int boundedInt(int range) {
        long r = range & 0xffffffffL;
        long m = nextUnsigned() * r;
        long low = m & 0xffffffffL;
        if (low < r) {
            long threshold = (0x1_0000_0000L - r) % r;
            while (low < threshold) {
                m = nextUnsigned() * r;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * scikit-learn's libsvm seed for {@code random_state}: {@code RandomState(randomState).randint(2^31 − 1)}.
     * numpy seeds a legacy {@code RandomState} from an integer with MT19937's {@code init_genrand}
     * and draws {@code randint(n)} by masking 32-bit outputs to the smallest covering power of two
     * minus one and rejecting values {@code >= n}. A null {@code randomState} (numpy's global
     * generator) gives a seed from {@link SecureRandom}.
     *
     * @throws IllegalArgumentException if {@code randomState} is outside {@code [0, 2^32 − 1]}
     */
    static int deriveSeed(Long randomState) {
        if (randomState == null) {
            return new SecureRandom().nextInt(Integer.MAX_VALUE);
        }
        long s = randomState;
        if (s < 0 || s > 0xffffffffL) {
            throw new IllegalArgumentException("The 'random_state' parameter must be None or an integer in [0, 2**32 - 1]. Got "
                    + s + " instead.");
        }
        SklearnRandom numpy = new SklearnRandom((int) s);
        long bound = Integer.MAX_VALUE - 1L; // randint(2^31 - 1) draws from [0, 2^31 - 2]
        long mask = 0x7fffffffL;
        while (true) {
            long v = numpy.nextUnsigned() & mask;
            if (v <= bound) {
                return (int) v;
            }
        }
    }

    private static void init(int[] mt, int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    private static void twist(int[] mt) {
        for (int k = 0; k < N; k++) {
            int yv = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            int next = mt[(k + M) % N] ^ (yv >>> 1);
            if ((yv & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[k] = next;
        }
    }
}
