package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.backend.Backends;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

class KMeansParallelTest {

    /** True when a and b are the same partition up to renaming the clusters. */
    static boolean samePartition(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        Map<Integer, Integer> ab = new HashMap<>();
        Map<Integer, Integer> ba = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            Integer x = ab.putIfAbsent(a[i], b[i]);
            Integer y = ba.putIfAbsent(b[i], a[i]);
            if ((x != null && x.intValue() != b[i]) || (y != null && y.intValue() != a[i])) {
                return false;
            }
        }
        return true;
    }

    static int distinctRows(Matrix m) {
        java.util.Set<java.util.List<Double>> rows = new java.util.HashSet<>();
        for (int i = 0; i < m.rows(); i++) {
            java.util.List<Double> r = new java.util.ArrayList<>();
            for (double v : m.row(i)) {
                r.add(v);
            }
            rows.add(r);
        }
        return rows.size();
    }

    private static FitContext context(Matrix x, int blockRows) {
        return new FitContext(Blocks.of(x, blockRows), 2, Backends.select(), null, null);
    }

    @Test
    void findsTheTruePartitionOfSeparatedBlobs() {
        JsonNode c = Fixtures.read("kmeans_blobs.json").get("cases").get(0);
        Matrix x = Fixtures.matrix(c.get("X"));
        int[] truth = Fixtures.ints(c.get("y"));
        for (long seed = 0; seed < 5; seed++) {
            KMeansModel m = new KMeans().nClusters(6).randomState(seed).threads(2).fit(x);
            assertTrue(samePartition(truth, m.labels().toArray()), "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 12, 30})
    void neverReturnsFewerThanKDistinctCentres(int k) {
        Matrix x = new MakeBlobs().nSamples(600).centers(4).nFeatures(3).randomState(9).generate().x();
        for (long seed = 0; seed < 4; seed++) {
            for (Integer rounds : new Integer[] {0, 1, null}) {
                for (double factor : new double[] {0.05, 2}) {
                    Matrix centres = KMeansParallel.centres(context(x, 100), k, factor, rounds, new RandomState(seed));
                    assertEquals(k, centres.rows());
                    assertEquals(k, distinctRows(centres), "k=" + k + " seed=" + seed + " rounds=" + rounds
                            + " factor=" + factor);
                }
            }
        }
    }

    @Test
    void eachRowIsSampledWithProbabilityEllTimesItsCostShare() {
        int n = 200_000;
        Matrix x = Matrix.zeros(n, 1);
        SeedingState state = new SeedingState(context(x, 7777), null);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        state.store(0, ones, n);
        double total = 0;
        int rounds = 20;
        for (int r = 0; r < rounds; r++) {
            long[] s = KMeansParallel.sample(state, n, 50, CounterRandom.key(3, r));
            total += s.length;
            for (int i = 1; i < s.length; i++) {
                assertTrue(s[i] > s[i - 1]);
            }
        }
        double mean = total / rounds;
        assertEquals(50, mean, 6, "about ℓ = 50 rows per round (sd of the mean ≈ 1.6)");
        // a row whose share exceeds 1/ℓ is always taken
        state.store(123, new double[] {1e9}, 1);
        long[] s = KMeansParallel.sample(state, 1e9 + n, 2, CounterRandom.key(3, 99));
        assertTrue(java.util.Arrays.binarySearch(s, 123) >= 0);
    }

    /**
     * Blocks in a file (a spill file, an .npy) are sampled from the kept costs and read row by row (no pass over the file):
     * the same rows and values as the pass over the same blocks in memory, and the same candidates.
     */
    @Test
    void spilledBlocksAreSampledAsBlocksInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Matrix x = new MakeBlobs().nSamples(20_000).centers(5).nFeatures(3).randomState(4).generate().x();
        java.nio.file.Path file = dir.resolve("x.npy");
        org.paraml.data.Npy.write(file, x);
        try (Blocks spilled = Blocks.npy(file, 3001)) {
            assertTrue(!spilled.inMemory(), "blocks read from a file");
            FitContext inFile = new FitContext(spilled, 2, Backends.select(), null, null);
            FitContext inMemory = context(x, 3001);
            assertTrue(inFile.runner.fetchesRowsCheaply());
            assertTrue(!inMemory.runner.fetchesRowsCheaply());
            SeedingState a = new SeedingState(inFile, null);
            SeedingState b = new SeedingState(inMemory, null);
            double[] costs = new double[x.rows()];
            for (int i = 0; i < costs.length; i++) {
                costs[i] = (i % 7) * 0.5;
            }
            a.store(0, costs, costs.length);
            b.store(0, costs, costs.length);
            for (int r = 0; r < 3; r++) {
                KMeansParallel.Sampled fromFile = KMeansParallel.sampleRows(a, 3000, 40, CounterRandom.key(5, r));
                KMeansParallel.Sampled fromPass = KMeansParallel.sampleRows(b, 3000, 40, CounterRandom.key(5, r));
                assertTrue(fromPass.rows().length > 10, "rows sampled: " + fromPass.rows().length);
                assertArrayEquals(fromPass.rows(), fromFile.rows(), "round " + r);
                assertArrayEquals(fromPass.values().compact().data(), fromFile.values().compact().data(), "round " + r);
            }
            KMeansParallel.Candidates c1 = KMeansParallel.candidates(new SeedingState(inFile, null), 5, 2, 3,
                    new RandomState(1));
            KMeansParallel.Candidates c2 = KMeansParallel.candidates(new SeedingState(inMemory, null), 5, 2, 3,
                    new RandomState(1));
            assertArrayEquals(c2.points().compact().data(), c1.points().compact().data());
            assertArrayEquals(c2.weights(), c1.weights());
        }
    }

    @Test
    void dataWithFewerDistinctPointsThanClustersStillFit() {
        double[][] v = new double[40][];
        for (int i = 0; i < 40; i++) {
            v[i] = new double[] {i % 3, 2 * (i % 3)};
        }
        Matrix x = Matrix.of(v);
        for (String init : new String[] {KMeans.K_MEANS_PARALLEL, KMeans.K_MEANS_PLUS_PLUS, KMeans.RANDOM}) {
            KMeansModel m = new KMeans().nClusters(5).init(init).randomState(1L).fit(x);
            assertEquals(0.0, m.inertia(), 0.0, init);
            assertEquals(3, java.util.Arrays.stream(m.labels().toArray()).distinct().count(), init);
            assertTrue(distinctRows(m.clusterCenters()) >= 3, init);
        }
    }

    @Test
    void duplicatePointsGiveOneCentreEach() {
        double[][] v = new double[60][];
        for (int i = 0; i < 60; i++) {
            v[i] = new double[] {10 * (i % 3), -5 * (i % 3), 1};
        }
        Matrix x = Matrix.of(v);
        KMeansModel m = new KMeans().nClusters(3).randomState(4L).fit(x);
        assertEquals(0.0, m.inertia(), 0.0);
        assertEquals(3, distinctRows(m.clusterCenters()));
        int[] truth = new int[60];
        for (int i = 0; i < 60; i++) {
            truth[i] = i % 3;
        }
        assertTrue(samePartition(truth, m.labels().toArray()));
    }

    @Test
    void zeroVarianceDataGiveOneCentre() {
        Matrix x = Matrix.zeros(25, 4);
        for (int i = 0; i < 25; i++) {
            x.set(i, 2, 7.5);
        }
        for (String init : new String[] {KMeans.K_MEANS_PARALLEL, KMeans.K_MEANS_PLUS_PLUS, KMeans.RANDOM}) {
            KMeansModel m = new KMeans().nClusters(3).init(init).randomState(0L).fit(x);
            assertEquals(0.0, m.inertia(), init);
            assertEquals(1, m.nIter(), init + ": tol is 0 and no centre moves");
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(new double[] {0, 0, 7.5, 0}, m.clusterCenters().row(j), init);
            }
        }
    }

    @Test
    void defaultRoundsFollowDaskMl() {
        assertEquals(0, KMeansParallel.defaultRounds(0));
        assertEquals(1, KMeansParallel.defaultRounds(1.0));
        assertEquals(1, KMeansParallel.defaultRounds(0.001));
        assertEquals(5, KMeansParallel.defaultRounds(Math.exp(5.2)));
    }
}
