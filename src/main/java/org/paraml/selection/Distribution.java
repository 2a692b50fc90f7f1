package org.paraml.selection;

import org.paraml.data.RandomState;

/**
 * A distribution to sample a parameter from in a {@link ParameterSampler}, drawn from a
 * {@link RandomState} exactly as scipy.stats draws it with {@code rvs(random_state=rng)}, so that a
 * seeded {@link RandomizedSearchCV} tries the same candidates as scikit-learn's.
 */
public interface Distribution {
    /** One value; advances {@code rng} as scipy's {@code rvs} does. */
    Object sample(RandomState rng);

    /** {@code scipy.stats.uniform(loc, scale)}: uniform on {@code [loc, loc + scale)}; a Double. */
    static Distribution uniform(double loc, double scale) {
        return new Uniform(loc, scale);
    }

    /**
     * {@code scipy.stats.loguniform(a, b)}: {@code log(x)} uniform on {@code [log a, log b)}; a
     * Double, computed as scipy computes it, {@code a · (b/a)^u}. ({@link Math#pow} may differ from
     * the C library's {@code pow} in the last bit.)
     */
    static Distribution loguniform(double a, double b) {
        return new LogUniform(a, b);
    }

    /** {@code scipy.stats.randint(low, high)}: an integer in {@code [low, high)}; an Integer (a Long if large). */
    static Distribution randint(long low, long high) {
        return new RandInt(low, high);
    }

    /** {@code uniform(loc, scale)}. */
    record Uniform(double loc, double scale) implements Distribution {
        /** Checks that {@code loc} is finite and {@code scale} finite and {@code > 0}. */
        public Uniform {
            if (!Double.isFinite(loc) || !(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("uniform(loc, scale) needs a finite loc and a finite scale > 0, got loc="
                        + loc + ", scale=" + scale);
            }
        }

        @Override
        public Object sample(RandomState rng) {
            return rng.randomSample() * scale + loc;
        }

        @Override
        public String toString() {
            return "uniform(loc=" + loc + ", scale=" + scale + ")";
        }
    }

    /** {@code loguniform(a, b)}. */
    record LogUniform(double a, double b) implements Distribution {
        /** Checks that {@code 0 < a < b < inf}. */
        public LogUniform {
            if (!(a > 0) || !(b > a) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("loguniform(a, b) needs 0 < a < b < inf, got a=" + a + ", b=" + b);
            }
        }

        @Override
        public Object sample(RandomState rng) {
            return a * Math.pow(b * 1.0 / a, rng.randomSample());
        }

        @Override
        public String toString() {
            return "loguniform(a=" + a + ", b=" + b + ")";
        }
    }

    /** {@code randint(low, high)}. */
    record RandInt(long low, long high) implements Distribution {
        /** Checks that {@code low < high}. */
        public RandInt {
            if (low >= high) {
                throw new IllegalArgumentException("randint(low, high) needs low < high, got low=" + low + ", high=" + high);
            }
        }

        @Override
        public Object sample(RandomState rng) {
            long v = rng.randint(low, high);
            return v == (int) v ? (Object) (int) v : (Object) v;
        }

        @Override
        public String toString() {
            return "randint(low=" + low + ", high=" + high + ")";
        }
    }
}
