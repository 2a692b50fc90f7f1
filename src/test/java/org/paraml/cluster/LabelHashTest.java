package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LabelHash#of}, the fingerprint Lloyd compares between iterations: equal for equal label sequences,
 * different when any one label changes (wherever it sits among the four chains or in the tail), when two
 * neighbours swap, or when the length differs.
 */
class LabelHashTest {
    private static int[] labels(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextInt(8);
        }
        return out;
    }

    @Test
    void equalSequencesHashEqually() {
        assertEquals(LabelHash.of(labels(1, 1003), 1003), LabelHash.of(labels(1, 1003), 1003));
        int[] longer = java.util.Arrays.copyOf(labels(1, 1003), 2000);
        assertEquals(LabelHash.of(labels(1, 1003), 1003), LabelHash.of(longer, 1003), "only the first n labels count");
    }

    @Test
    void everySingleChangeSwapAndLengthChangesTheHash() {
        int n = 1003; // four chains of 250 and a tail of three
        int[] base = labels(2, n);
        long h = LabelHash.of(base, n);
        Set<Long> seen = new HashSet<>();
        seen.add(h);
        for (int i = 0; i < n; i++) {
            int[] changed = base.clone();
            changed[i] = (changed[i] + 1) % 8;
            assertNotEquals(h, LabelHash.of(changed, n), "label " + i + " changed");
            seen.add(LabelHash.of(changed, n));
        }
        assertEquals(n + 1, seen.size(), "no two single changes collide");
        for (int i = 0; i + 1 < n; i++) {
            if (base[i] != base[i + 1]) {
                int[] swapped = base.clone();
                swapped[i] = base[i + 1];
                swapped[i + 1] = base[i];
                assertNotEquals(h, LabelHash.of(swapped, n), "labels " + i + " and " + (i + 1) + " swapped");
            }
        }
        assertNotEquals(h, LabelHash.of(base, n - 1), "one label fewer");
        assertNotEquals(LabelHash.of(new int[8], 4), LabelHash.of(new int[8], 8), "zeros of different lengths");
    }
}
