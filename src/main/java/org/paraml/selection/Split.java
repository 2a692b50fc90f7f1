package org.paraml.selection;

import java.util.Objects;

/**
 * One cross-validation split: the row indices to fit on and the row indices to score on, both
 * ascending (as scikit-learn's splitters yield them). The arrays are shared, not copied: do not
 * modify them.
 *
 * @param train rows of the training set
 * @param test rows of the test set
 */
public record Split(int[] train, int[] test) {
    /** Checks that neither array is null; both are kept, not copied. */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** The split whose test rows are those with {@code testFold[i] == fold}; the others train. */
    static Split fromFolds(int[] testFold, int fold) {
        int nTest = 0;
        for (int f : testFold) {
            if (f == fold) {
                nTest++;
            }
        }
        int[] test = new int[nTest];
        int[] train = new int[testFold.length - nTest];
        for (int i = 0, a = 0, b = 0; i < testFold.length; i++) {
            if (testFold[i] == fold) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(train, test);
    }
}
