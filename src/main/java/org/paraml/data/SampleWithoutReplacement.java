package org.paraml.data;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * scikit-learn's {@code sklearn.utils.random.sample_without_replacement}: {@code nSamples}
 * distinct integers from [0, nPopulation), drawn from a {@link RandomState} with the same
 * algorithm, the same method selection and therefore the same result as scikit-learn.
 *
 * <p>The methods (all draws are {@code randint} calls on the given stream):
 * <ul>
 *   <li>{@link Method#TRACKING_SELECTION}: for each output, draw {@code randint(nPopulation)}
 *       until the value was not drawn before (a hash set of what was taken).</li>
 *   <li>{@link Method#POOL}: a pool {@code 0 … n−1}; output {@code i} is {@code pool[j]} with
 *       {@code j = randint(n − i)}, and the last live pool entry moves into the hole.</li>
 *   <li>{@link Method#RESERVOIR_SAMPLING}: start with {@code 0 … k−1}; for {@code i = k … n−1},
 *       {@code j = randint(0, i + 1)} and, if {@code j < k}, slot {@code j} becomes {@code i}.
 *       The order of the output is not random.</li>
 *   <li>{@link Method#AUTO}: with {@code ratio = nSamples / nPopulation} (1 when the population
 *       is empty): if {@code 0.01 < ratio < 0.99}, the first {@code nSamples} entries of
 *       {@code permutation(nPopulation)}; otherwise tracking selection when {@code ratio < 0.2},
 *       else reservoir sampling.</li>
 * </ul>
 * As in scikit-learn, asking for {@link Method#TRACKING_SELECTION} with {@code ratio ≥ 0.2} runs
 * reservoir sampling instead.
 */
public final class SampleWithoutReplacement {
    /** The {@code method} argument of scikit-learn's function. */
    public enum Method {
        /** {@code "auto"} (the default): a permutation or one of the others, by {@code nSamples / nPopulation}. */
        AUTO,
        /** {@code "tracking_selection"}: draw until a value not drawn before comes up. */
        TRACKING_SELECTION,
        /** {@code "pool"}: draw from a pool of the population, filling each hole with its last live entry. */
        POOL,
        /** {@code "reservoir_sampling"}: reservoir sampling; the order of the output is not random. */
        RESERVOIR_SAMPLING
    }

    private SampleWithoutReplacement() {
    }

    /** {@code sample_without_replacement(nPopulation, nSamples, method="auto", random_state=rng)}. */
    public static int[] sample(int nPopulation, int nSamples, RandomState rng) {
        return sample(nPopulation, nSamples, Method.AUTO, rng);
    }

    /**
     * {@code sample_without_replacement(nPopulation, nSamples, method, random_state=rng)}.
     *
     * @param nPopulation the size of the set to sample from, ≥ 0
     * @param nSamples how many distinct integers to draw, in [0, nPopulation]
     * @param method which algorithm; see the class description
     * @param rng the stream to draw from (advanced by the draws)
     * @return the sampled integers, in the order the algorithm produces them
     */
    public static int[] sample(int nPopulation, int nSamples, Method method, RandomState rng) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rng, "rng");
        if (nPopulation < 0) {
            throw new IllegalArgumentException("n_population should be greater than 0, got " + nPopulation + ".");
        }
        if (nSamples < 0) {
            throw new IllegalArgumentException("n_samples should be >= 0, got " + nSamples + ".");
        }
        if (nSamples > nPopulation) {
            throw new IllegalArgumentException("n_population should be greater or equal than n_samples, got "
                    + "n_samples > n_population (" + nSamples + " > " + nPopulation + ")");
        }
        double ratio = nPopulation != 0 ? (double) nSamples / nPopulation : 1.0;
        switch (method) {
            case AUTO:
                if (ratio > 0.01 && ratio < 0.99) {
                    int[] perm = rng.permutation(nPopulation);
                    int[] out = new int[nSamples];
                    System.arraycopy(perm, 0, out, 0, nSamples);
                    return out;
                }
                return ratio < 0.2 ? trackingSelection(nPopulation, nSamples, rng)
                        : reservoirSampling(nPopulation, nSamples, rng);
            case TRACKING_SELECTION:
                return ratio < 0.2 ? trackingSelection(nPopulation, nSamples, rng)
                        : reservoirSampling(nPopulation, nSamples, rng);
            case POOL:
                return pool(nPopulation, nSamples, rng);
            case RESERVOIR_SAMPLING:
                return reservoirSampling(nPopulation, nSamples, rng);
            default:
                throw new AssertionError(method);
        }
    }

    private static int[] trackingSelection(int nPopulation, int nSamples, RandomState rng) {
        int[] out = new int[nSamples];
        Set<Integer> selected = new HashSet<>();
        for (int i = 0; i < nSamples; i++) {
            int j;
            do {
                j = (int) rng.randint(nPopulation);
            } while (!selected.add(j));
            out[i] = j;
        }
        return out;
    }

    private static int[] pool(int nPopulation, int nSamples, RandomState rng) {
        int[] pool = new int[nPopulation];
        for (int i = 0; i < nPopulation; i++) {
            pool[i] = i;
        }
        int[] out = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            int j = (int) rng.randint(nPopulation - i);
            out[i] = pool[j];
            pool[j] = pool[nPopulation - i - 1];
        }
        return out;
    }

    private static int[] reservoirSampling(int nPopulation, int nSamples, RandomState rng) {
        int[] out = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            out[i] = i;
        }
        for (int i = nSamples; i < nPopulation; i++) {
            int j = (int) rng.randint(0, i + 1L);
            if (j < nSamples) {
                out[j] = i;
            }
        }
        return out;
    }
}
