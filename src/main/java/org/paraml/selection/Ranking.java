package org.paraml.selection;

/**
 * scikit-learn's {@code rank_test_score}: {@code rankdata(-means, method="min")}, where NaN means
 * (failed candidates) are first replaced by {@code nanmin(means) − 1}, so that they tie with each
 * other below every finite score; all NaN gives rank 1 everywhere.
 */
final class Ranking {
    private Ranking() {
    }

    static int[] rankMin(double[] means) {
        int n = means.length;
        int[] rank = new int[n];
        double min = Double.NaN;
        for (double m : means) {
            if (!Double.isNaN(m) && (Double.isNaN(min) || m < min)) {
                min = m;
            }
        }
        if (Double.isNaN(min)) {
            java.util.Arrays.fill(rank, 1);
            return rank;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Double.isNaN(means[i]) ? min - 1 : means[i];
        }
        for (int i = 0; i < n; i++) {
            int greater = 0;
            for (int j = 0; j < n; j++) {
                if (v[j] > v[i]) {
                    greater++;
                }
            }
            rank[i] = greater + 1;
        }
        return rank;
    }

    /** {@code rank.argmin()}: the first candidate of rank 1. */
    static int best(int[] rank) {
        int best = 0;
        for (int i = 1; i < rank.length; i++) {
            if (rank[i] < rank[best]) {
                best = i;
            }
        }
        return best;
    }
}
