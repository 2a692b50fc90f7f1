package org.paraml.cluster;

/**
 * Counter-based uniform numbers: {@code uniform(key, counter)} is a fixed function of its two arguments,
 * so a random draw per row ({@code counter} = global row index) is the same whatever block holds the
 * row and whatever thread computes it. Mixing is two rounds of the SplitMix64 finalizer (Steele, Lea and
 * Flood 2014), which passes BigCrush on counter inputs; that is ample for Bernoulli sampling.
 */
final class CounterRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRandom() {
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    static double uniform(long key, long counter) {
        long z = mix(key + mix(counter * GOLDEN + GOLDEN));
        return (z >>> 11) * 0x1.0p-53;
    }

    /** A key for one use (e.g. one k-means|| round) derived from a seed and a stream number. */
    static long key(long seed, long stream) {
        return mix(mix(seed ^ 0x5DEECE66DL) + stream * GOLDEN);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
