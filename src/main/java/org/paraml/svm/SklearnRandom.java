package org.paraml.svm;

import org.paraml.data.MersenneTwister;
import org.paraml.data.RandomState;

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
    private final MersenneTwister mt;
    private final int seed;

    /** A generator that {@link #reseed()} resets to {@code seed} (a value in {@code [0, 2^31 − 1)}). */
    SklearnRandom(int seed) {
        this.seed = seed;
        this.mt = new MersenneTwister(seed);
    }

    /** The seed this generator is reset to. */
    int seed() {
        return seed;
    }

    /** Resets the stream to its start, as libsvm's {@code set_seed(random_seed)} does at each {@code svm_train}. */
    void reseed() {
        mt.seed(seed);
    }

    /**
     * A uniform integer in {@code [0, range)} for {@code range >= 1}, drawn as scikit-learn's
     * {@code bounded_rand_int}: {@code m = x·range} (64 bits) for a 32-bit draw x; the high half is
     * the result unless the low half falls below {@code 2^32 mod range}, in which case x is redrawn.
     */
    int boundedInt(int range) {
        long r = range & 0xffffffffL;
        long m = mt.nextUnsignedInt() * r;
        long low = m & 0xffffffffL;
        if (low < r) {
            long threshold = (0x1_0000_0000L - r) % r;
            while (low < threshold) {
                m = mt.nextUnsignedInt() * r;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * scikit-learn's libsvm seed for {@code random_state}:
     * {@code check_random_state(random_state).randint(np.iinfo('i').max)}, i.e. the first
     * {@code randint(2^31 − 1)} of numpy's legacy {@code RandomState(random_state)}; a null
     * {@code randomState} (numpy's global generator) draws from a {@code RandomState} seeded from
     * entropy.
     *
     * @throws IllegalArgumentException if {@code randomState} is outside {@code [0, 2^32 − 1]}
     */
    static int deriveSeed(Long randomState) {
        RandomState rs;
        if (randomState == null) {
            rs = RandomState.fromEntropy();
        } else {
            long s = randomState;
            if (s < 0 || s > RandomState.MAX_SEED) {
                throw new IllegalArgumentException("The 'random_state' parameter must be None or an integer in "
                        + "[0, 2**32 - 1]. Got " + s + " instead.");
            }
            rs = new RandomState(s);
        }
        return (int) rs.randint(Integer.MAX_VALUE);
    }
}
