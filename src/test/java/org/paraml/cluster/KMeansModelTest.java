package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.Npy;
import org.paraml.linalg.Matrix;

class KMeansModelTest {
    private static final Matrix X = new MakeBlobs().nSamples(500).centers(4).nFeatures(3).randomState(8).generate().x();
    private static final KMeans KM = new KMeans().nClusters(4).randomState(2L).threads(2);

    @TempDir
    Path tmp;

    @Test
    void predictTransformAndScoreAgreeWithTheFit() {
        KMeansModel m = KM.fit(X);
        int[] labels = m.labels().toArray();
        assertArrayEquals(labels, m.predict(X), "labels are consistent with the final centres");
        assertEquals(-m.inertia(), m.score(X), 1e-9 * m.inertia());
        Matrix d = m.transform(X);
        assertEquals(500, d.rows());
        assertEquals(4, d.cols());
        Matrix c = m.clusterCenters();
        double inertia = 0;
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int f = 0; f < 3; f++) {
                    double t = X.get(i, f) - c.get(j, f);
                    s += t * t;
                }
                assertEquals(Math.sqrt(s), d.get(i, j), 1e-12 * Math.max(1, Math.sqrt(s)));
                if (j == labels[i]) {
                    inertia += s;
                    for (int o = 0; o < 4; o++) {
                        assertTrue(d.get(i, labels[i]) <= d.get(i, o) + 1e-12);
                    }
                }
            }
        }
        assertEquals(inertia, m.inertia(), 1e-9 * inertia, "inertia is the direct sum of squared distances");
        assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.zeros(3, 2)));
    }

    @Test
    void inertiaIsExactFarFromTheOrigin() {
        // rows at 1e8 + small offsets: the expansion ||x||² − 2x·c + ||c||² would lose every digit
        Matrix far = X.copy();
        for (int i = 0; i < far.rows(); i++) {
            for (int f = 0; f < 3; f++) {
                far.set(i, f, far.get(i, f) + 1e8);
            }
        }
        KMeansModel near = KM.fit(X);
        KMeansModel shifted = KM.init(addToAll(near.clusterCenters(), 1e8)).fit(far);
        assertEquals(near.inertia(), shifted.inertia(), 1e-6 * near.inertia());
    }

    @Test
    void dataFarFromTheOriginGetTheSameFitAsNearIt() {
        Matrix far = addToAll(X, 1e8);
        for (String init : new String[] {KMeans.K_MEANS_PARALLEL, KMeans.K_MEANS_PLUS_PLUS, KMeans.RANDOM}) {
            KMeans km = KM.init(init).nInit(2);
            KMeansModel near = km.fit(Blocks.of(X, 64));
            KMeansModel shifted = km.fit(Blocks.of(far, 64));
            assertArrayEquals(near.labels().toArray(), shifted.labels().toArray(), init);
            assertEquals(near.inertia(), shifted.inertia(), 1e-6 * near.inertia(), init);
            assertArrayEquals(near.labels().toArray(), shifted.predict(far), init);
        }
        // an empty cluster relocated in translated coordinates: scikit-learn's fit of the fixture, moved
        Fixtures.Case c = Fixtures.cases("kmeans_array_init.json").stream()
                .filter(f -> f.name().equals("empty_cluster")).findFirst().orElseThrow();
        KMeansModel m = Fixtures.estimator(c).init(addToAll(c.initCentres(), 1e6))
                .fit(Blocks.of(addToAll(c.x(), 1e6), 50));
        assertArrayEquals(c.labels(), m.labels().toArray());
        assertEquals(c.nIter(), m.nIter());
        assertEquals(c.inertia(), m.inertia(), 1e-6 * c.inertia());
    }

    private static Matrix addToAll(Matrix m, double v) {
        Matrix out = m.copy();
        for (int i = 0; i < out.rows(); i++) {
            for (int j = 0; j < out.cols(); j++) {
                out.set(i, j, out.get(i, j) + v);
            }
        }
        return out;
    }

    @Test
    void blockLabelsStreamWriteAndMaterialiseOnRequest() throws IOException {
        KMeansModel inMemory = KM.blockRows(64).fit(X);
        Blocks blocks = Blocks.of(X, 64);
        List<Integer> firstRows = new ArrayList<>();
        int[] streamed = new int[500];
        KMeansModel m = KM.fit(blocks, (block, first, labels, rows) -> {
            firstRows.add((int) first);
            System.arraycopy(labels, 0, streamed, (int) first, rows);
        });
        assertEquals(8, firstRows.size(), "one call per block, in order");
        assertEquals(448, firstRows.get(7));
        assertArrayEquals(inMemory.labels().toArray(), streamed);
        assertEquals(500, m.labels().size());
        assertArrayEquals(streamed, m.labels().toArray());
        Path out = tmp.resolve("labels.npy");
        m.labels().writeNpy(out);
        assertArrayEquals(streamed, Npy.readInts(out));
        assertArrayEquals(streamed, m.predict(blocks).toArray());
        assertEquals(m.score(X), m.score(blocks), 1e-9 * m.inertia());
    }

    @Test
    void nInitRunsStreamTheLabelsOfTheBestRun() {
        KMeans km = KM.init(KMeans.RANDOM).nInit(4);
        int[] streamed = new int[500];
        KMeansModel m = km.fit(Blocks.of(X, 100), (b, first, labels, rows) ->
                System.arraycopy(labels, 0, streamed, (int) first, rows));
        assertArrayEquals(m.labels().toArray(), streamed);
        assertArrayEquals(km.fit(X).labels().toArray(), streamed);
    }

    @Test
    void progressNamesEveryPass() {
        List<String> phases = new ArrayList<>();
        KM.initMaxIter(2).progress((phase, done, total) -> {
            if (done == total) {
                phases.add(phase);
            }
        }).fit(Blocks.of(X, 100));
        assertEquals("k-means|| cost", phases.get(0));
        assertTrue(phases.contains("k-means|| round 1 of 2"), phases.toString());
        assertTrue(phases.contains("k-means|| round 2 of 2"), phases.toString());
        assertFalse(phases.contains("k-means|| weights"), "the weights come with the last round's update");
        assertTrue(phases.contains("lloyd iteration 1"), phases.toString());
        // converged: the last Lloyd pass was already the E-step against the final centres (LloydFinalStepTest)
        assertTrue(phases.get(phases.size() - 1).startsWith("lloyd iteration "), phases.toString());
        phases.clear();
        KM.initMaxIter(2).progress((phase, done, total) -> {
            if (done == total) {
                phases.add(phase);
            }
        }).fit(Blocks.of(X, 100), (block, firstRow, labels, rows) -> { });
        assertEquals("labels", phases.get(phases.size() - 1), "streamed labels come from a pass of their own");
    }
}
