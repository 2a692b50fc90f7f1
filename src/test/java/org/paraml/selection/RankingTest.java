package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void tiesShareTheSmallestRank() {
        assertArrayEquals(new int[] {1, 1, 3, 4}, Ranking.rankMin(new double[] {0.9, 0.9, 0.8, 0.1}));
        assertArrayEquals(new int[] {3, 1, 2, 3}, Ranking.rankMin(new double[] {0.5, 0.9, 0.7, 0.5}));
        assertArrayEquals(new int[] {1, 1}, Ranking.rankMin(new double[] {0.0, -0.0}));
    }

    @Test
    void nanScoresRankLastAndTie() {
        assertArrayEquals(new int[] {3, 1, 3, 2}, Ranking.rankMin(new double[] {Double.NaN, 0.9, Double.NaN, -5}));
        assertArrayEquals(new int[] {1, 1}, Ranking.rankMin(new double[] {Double.NaN, Double.NaN}));
        assertArrayEquals(new int[] {1, 1}, Ranking.rankMin(new double[] {Double.NaN, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void bestIsTheFirstOfRankOne() {
        assertEquals(1, Ranking.best(new int[] {2, 1, 1}));
        assertEquals(0, Ranking.best(new int[] {1, 1}));
    }
}
