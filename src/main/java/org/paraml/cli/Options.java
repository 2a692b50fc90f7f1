package org.paraml.cli;

/** Parsing helpers for option values that picocli cannot type by itself; errors name the option. */
final class Options {
    private Options() {
    }

    static double parseDouble(String option, String value, String allowed) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': '" + value
                    + "' (allowed: " + allowed + ")");
        }
    }

    /** numpy's RandomState accepts seeds in [0, 2^32 - 1]. */
    static long checkSeed(String option, long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': " + seed
                    + " (allowed: an integer from 0 to 4294967295, as numpy's RandomState)");
        }
        return seed;
    }
}
