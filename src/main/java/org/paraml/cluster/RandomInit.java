package org.paraml.cluster;

import java.util.HashSet;
import java.util.Set;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * {@code init='random'}: k distinct rows chosen uniformly. Up to {@value #PERMUTATION_LIMIT} rows this is
 * scikit-learn's {@code random_state.permutation(n_samples)[:k]} exactly (same draws, same rows, same
 * order); above, where a permutation would cost 4 bytes per row, Floyd's sampling of k distinct indices
 * with {@code randint} (uniform too, but other rows than numpy would pick).
 */
final class RandomInit {
    static final int PERMUTATION_LIMIT = 1 << 25;

    private RandomInit() {
    }

    static Matrix centres(FitContext ctx, int k, RandomState rng) {
        long n = ctx.rows;
        long[] rows = new long[k];
        if (n <= PERMUTATION_LIMIT) {
            int[] perm = rng.permutation((int) n);
            for (int j = 0; j < k; j++) {
                rows[j] = perm[j];
            }
        } else {
            Set<Long> chosen = new HashSet<>();
            int j = 0;
            for (long top = n - k; top < n; top++) {
                long t = rng.randint(top + 1);
                long pick = chosen.contains(t) ? top : t;
                chosen.add(pick);
                rows[j++] = pick;
            }
        }
        return ctx.gather(rows);
    }
}
