package org.paraml.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.paraml.data.RandomState;

/**
 * scikit-learn's {@code KFold}: consecutive folds of the rows (shuffled first when asked), the
 * first {@code n_samples % n_splits} folds one row larger. With a seed the shuffle is
 * {@code RandomState(seed).shuffle(arange(n))}, so the folds equal scikit-learn's.
 */
public final class KFold implements CrossValidator {
    private final int nSplits;
    private final boolean shuffle;
    private final Long randomState;

    /** {@code KFold(n_splits)}: no shuffle. */
    public KFold(int nSplits) {
        this(nSplits, false, null);
    }

    /**
     * {@code KFold(n_splits, shuffle=shuffle, random_state=randomState)}.
     *
     * @param randomState the seed of the shuffle, or null (fresh entropy at every split); must be
     *                    null when {@code shuffle} is false, as scikit-learn requires
     */
    public KFold(int nSplits, boolean shuffle, Long randomState) {
        checkArguments(nSplits, shuffle, randomState);
        this.nSplits = nSplits;
        this.shuffle = shuffle;
        this.randomState = randomState;
    }

    static void checkArguments(int nSplits, boolean shuffle, Long randomState) {
        if (nSplits <= 1) {
            throw new IllegalArgumentException("k-fold cross-validation requires at least one train/test split by "
                    + "setting n_splits=2 or more, got n_splits=" + nSplits + ".");
        }
        if (!shuffle && randomState != null) {
            throw new IllegalArgumentException("Setting a random_state has no effect since shuffle is False. You "
                    + "should leave random_state to its default (None), or set shuffle=True.");
        }
        if (randomState != null && (randomState < 0 || randomState > RandomState.MAX_SEED)) {
            throw new IllegalArgumentException("random_state must be a seed in [0, 2**32 - 1], got " + randomState);
        }
    }

    static void checkSamples(int nSplits, int nSamples) {
        if (nSplits > nSamples) {
            throw new IllegalArgumentException("Cannot have number of splits n_splits=" + nSplits
                    + " greater than the number of samples: n_samples=" + nSamples + ".");
        }
    }

    static RandomState rng(Long randomState) {
        return randomState == null ? RandomState.fromEntropy() : new RandomState(randomState);
    }

    @Override
    public int nSplits() {
        return nSplits;
    }

    /** {@code shuffle}: whether the rows are shuffled before they are cut into folds. */
    public boolean shuffle() {
        return shuffle;
    }

    /** {@code random_state}: the seed of the shuffle, or null (fresh entropy at every split). */
    public Long randomState() {
        return randomState;
    }

    @Override
    public List<Split> split(int nSamples, int[] y) {
        checkSamples(nSplits, nSamples);
        if (y != null && y.length != nSamples) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + nSamples + ", " + y.length + "]");
        }
        int[] indices = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            indices[i] = i;
        }
        if (shuffle) {
            rng(randomState).shuffle(indices);
        }
        int[] testFold = new int[nSamples];
        int current = 0;
        for (int f = 0; f < nSplits; f++) {
            int size = nSamples / nSplits + (f < nSamples % nSplits ? 1 : 0);
            for (int k = current; k < current + size; k++) {
                testFold[indices[k]] = f;
            }
            current += size;
        }
        List<Split> out = new ArrayList<>(nSplits);
        for (int f = 0; f < nSplits; f++) {
            out.add(Split.fromFolds(testFold, f));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "KFold(n_splits=" + nSplits + ", random_state=" + (randomState == null ? "None" : randomState)
                + ", shuffle=" + (shuffle ? "True" : "False") + ")";
    }
}
