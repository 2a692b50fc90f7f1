package org.paraml.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paraml.data.RandomState;

/**
 * scikit-learn 1.2's {@code StratifiedKFold}, fold for fold.
 *
 * <p>The assignment ({@code _make_test_folds}): classes are numbered in order of first appearance
 * in y; the per-fold count of each class comes from dealing the sorted encoded labels round robin
 * ({@code np.bincount(y_sorted[i::n_splits])} for fold i); class k's rows, in row order, get the
 * fold numbers {@code 0,…,0,1,…,1,…} repeated by those counts — shuffled by
 * {@code rng.shuffle} first when {@code shuffle} is set, one shuffle per class in encoded order
 * from one {@code RandomState(random_state)}.
 *
 * <p>As scikit-learn: an error when every class has fewer than {@code n_splits} members, a warning
 * (through {@link System.Logger}) when the smallest class does.
 */
public final class StratifiedKFold implements CrossValidator {
    private static final System.Logger LOG = System.getLogger(StratifiedKFold.class.getName());

    private final int nSplits;
    private final boolean shuffle;
    private final Long randomState;

    /** {@code StratifiedKFold(n_splits)}: no shuffle. */
    public StratifiedKFold(int nSplits) {
        this(nSplits, false, null);
    }

    /** {@code StratifiedKFold(n_splits, shuffle=shuffle, random_state=randomState)}; see {@link KFold#KFold(int, boolean, Long)}. */
    public StratifiedKFold(int nSplits, boolean shuffle, Long randomState) {
        KFold.checkArguments(nSplits, shuffle, randomState);
        this.nSplits = nSplits;
        this.shuffle = shuffle;
        this.randomState = randomState;
    }

    @Override
    public int nSplits() {
        return nSplits;
    }

    /** {@code shuffle}: whether each class's fold numbers are shuffled (one {@code rng.shuffle} per class). */
    public boolean shuffle() {
        return shuffle;
    }

    /** {@code random_state}: the seed of the shuffles, or null (fresh entropy at every split). */
    public Long randomState() {
        return randomState;
    }

    /** The test fold of every row ({@code _make_test_folds}). */
    public int[] testFolds(int[] y) {
        Objects.requireNonNull(y, "StratifiedKFold needs y (the class labels) to split");
        int n = y.length;
        Map<Integer, Integer> code = new HashMap<>();
        int[] encoded = new int[n];
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Integer k = code.get(y[i]);
            if (k == null) {
                k = code.size();
                code.put(y[i], k);
                counts.add(0);
            }
            encoded[i] = k;
            counts.set(k, counts.get(k) + 1);
        }
        int nClasses = counts.size();
        int minGroup = Integer.MAX_VALUE;
        boolean allSmaller = true;
        for (int c : counts) {
            minGroup = Math.min(minGroup, c);
            allSmaller &= nSplits > c;
        }
        if (allSmaller) {
            throw new IllegalArgumentException("n_splits=" + nSplits
                    + " cannot be greater than the number of members in each class.");
        }
        if (nSplits > minGroup) {
            LOG.log(System.Logger.Level.WARNING, "The least populated class in y has only " + minGroup
                    + " members, which is less than n_splits=" + nSplits + ".");
        }
        // allocation[f][k]: rows of class k in fold f, dealing the sorted labels round robin.
        int[][] allocation = new int[nSplits][nClasses];
        int position = 0;
        for (int k = 0; k < nClasses; k++) {
            for (int c = 0; c < counts.get(k); c++, position++) {
                allocation[position % nSplits][k]++;
            }
        }
        RandomState rng = shuffle ? KFold.rng(randomState) : null;
        int[] testFolds = new int[n];
        for (int k = 0; k < nClasses; k++) {
            int[] folds = new int[counts.get(k)];
            for (int f = 0, p = 0; f < nSplits; f++) {
                for (int r = 0; r < allocation[f][k]; r++) {
                    folds[p++] = f;
                }
            }
            if (shuffle) {
                rng.shuffle(folds);
            }
            for (int i = 0, p = 0; i < n; i++) {
                if (encoded[i] == k) {
                    testFolds[i] = folds[p++];
                }
            }
        }
        return testFolds;
    }

    @Override
    public List<Split> split(int nSamples, int[] y) {
        Objects.requireNonNull(y, "StratifiedKFold needs y (the class labels) to split");
        if (y.length != nSamples) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + nSamples + ", " + y.length + "]");
        }
        KFold.checkSamples(nSplits, nSamples);
        int[] testFolds = testFolds(y);
        List<Split> out = new ArrayList<>(nSplits);
        for (int f = 0; f < nSplits; f++) {
            out.add(Split.fromFolds(testFolds, f));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "StratifiedKFold(n_splits=" + nSplits + ", random_state=" + (randomState == null ? "None" : randomState)
                + ", shuffle=" + (shuffle ? "True" : "False") + ")";
    }
}
