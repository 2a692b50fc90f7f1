package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.paraml.linalg.Matrix;

/** {@link MakeBlobs} against scikit-learn 1.2.1 (fixtures/make_blobs.json.gz). */
class MakeBlobsTest {
    /**
     * Tolerance on X: relative difference ≤ 1e-13 element-wise, and at most 2 + 1/500 of the
     * values not exactly equal. There is no matrix product; a value can differ only where glibc's
     * log misrounds a Gaussian (see {@link GaussianAgreement}). Labels and centres: exact.
     */
    static final double REL_TOL = 1e-13;

    static MakeBlobs fromParams(JsonNode params) {
        MakeBlobs g = new MakeBlobs();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            JsonNode v = e.getValue();
            g = switch (e.getKey()) {
                case "n_samples" -> v.isArray() ? g.nSamples(Fixtures.ints(v)) : g.nSamples(v.intValue());
                case "n_features" -> g.nFeatures(v.intValue());
                case "centers" -> v.isNull() ? g.centersDefault() : v.isArray() ? g.centers(Fixtures.matrixOfRows(v))
                        : g.centers(v.intValue());
                case "cluster_std" -> v.isArray() ? g.clusterStd(Fixtures.doubles(v)) : g.clusterStd(v.doubleValue());
                case "center_box" -> g.centerBox(v.get(0).doubleValue(), v.get(1).doubleValue());
                case "shuffle" -> g.shuffle(v.booleanValue());
                case "random_state" -> g.randomState(v.longValue());
                default -> throw new AssertionError("unknown make_blobs parameter in fixture: " + e.getKey());
            };
        }
        return g;
    }

    @Test
    void everyFixtureCaseIsReproduced() {
        JsonNode cases = Fixtures.read("make_blobs.json.gz").get("cases");
        assertTrue(cases.size() >= 10, "expected the fixture's cases");
        for (JsonNode c : cases) {
            String name = c.get("name").textValue();
            MakeBlobs g = fromParams(c.get("params"));
            Blobs b = g.generateWithCenters();
            assertArrayEquals(Fixtures.ints(c.get("y")), b.y(), name + ": labels");
            assertTrue(Fixtures.matrix(c.get("centers"), c.get("centers_shape")).contentEquals(b.centers()),
                    name + ": centers");
            DatasetAgreement.Report r = DatasetAgreement.assertClose(Fixtures.matrix(c.get("X"), c.get("shape")),
                    b.x(), REL_TOL, name + " " + g);
            int values = b.x().rows() * b.x().cols();
            assertTrue(r.inexact() <= 2 + values / 500, name + ": " + r + " of " + values + " values");
        }
    }

    @Test
    void defaultsMakeThreeCentresInTheBox() {
        Blobs b = new MakeBlobs().randomState(0).generateWithCenters();
        assertEquals(100, b.x().rows());
        assertEquals(2, b.x().cols());
        assertEquals(3, b.centers().rows());
        for (double v : b.centers().data()) {
            assertTrue(v >= -10 && v < 10, "centre coordinate " + v + " outside the default box");
        }
        assertArrayEquals(new int[] {34, 33, 33}, Labels.counts(b.y(), new int[] {0, 1, 2}));
    }

    @Test
    void perCentreListSetsTheNumberOfCentres() {
        MakeBlobs g = new MakeBlobs().nSamples(new int[] {4, 0, 6, 1}).nFeatures(3).randomState(1);
        Blobs b = g.generateWithCenters();
        assertEquals(4, b.centers().rows());
        assertEquals(3, b.centers().cols());
        assertArrayEquals(new int[] {4, 0, 6, 1}, Labels.counts(b.y(), new int[] {0, 1, 2, 3}));
        assertEquals(11, g.nSamples());
    }

    @Test
    void explicitCentresDecideTheFeatures() {
        Matrix centers = Matrix.of(new double[][] {{0, 0, 0}, {1, 1, 1}});
        MakeBlobs g = new MakeBlobs().nFeatures(7).centers(centers).clusterStd(0.0).shuffle(false).nSamples(4)
                .randomState(3);
        Blobs b = g.generateWithCenters();
        assertEquals(3, g.nFeatures());
        assertTrue(b.centers().contentEquals(centers));
        // std 0: every row is its centre
        assertTrue(b.x().contentEquals(Matrix.of(new double[][] {{0, 0, 0}, {0, 0, 0}, {1, 1, 1}, {1, 1, 1}})));
        centers.set(0, 0, 99.0);
        assertEquals(0.0, g.generateWithCenters().centers().get(0, 0), "the generator keeps its own copy");
    }

    @Test
    void sameSeedTwiceGivesTheSameArrays() {
        MakeBlobs g = new MakeBlobs().nSamples(300).centers(5).nFeatures(4).clusterStd(new double[] {1, 2, 3, 4, 5})
                .randomState(11);
        Blobs a = g.generateWithCenters();
        Blobs b = g.generateWithCenters();
        assertTrue(a.x().contentEquals(b.x()));
        assertArrayEquals(a.y(), b.y());
        assertTrue(a.centers().contentEquals(b.centers()));
        assertTrue(!a.x().contentEquals(g.randomState(12).generate().x()));
        Dataset d = g.generate();
        assertTrue(d.x().contentEquals(a.x()));
    }

    @Test
    void givenStreamIsAdvanced() {
        MakeBlobs g = new MakeBlobs().nSamples(10).randomState(5);
        RandomState shared = new RandomState(5);
        Dataset first = g.generate(shared);
        assertTrue(first.x().contentEquals(g.generate().x()));
        assertTrue(!first.x().contentEquals(g.generate(shared).x()));
    }

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" should contain \"" + f + "\"");
        }
    }

    @Test
    void badParametersAreRejectedWithScikitLearnsMessages() {
        MakeBlobs g = new MakeBlobs();
        assertRejected(() -> g.nSamples(0), "'n_samples'", "make_blobs", "[1, inf)", "Got 0");
        assertRejected(() -> g.nSamples(new int[0]), "'n_samples'", "non-empty");
        assertRejected(() -> g.nSamples(new int[] {3, -1}), "'n_samples'", "n_samples[1] = -1");
        assertRejected(() -> g.nFeatures(0), "'n_features'", "Got 0");
        assertRejected(() -> g.centers(0), "'centers'", "Got 0");
        assertRejected(() -> g.centers(Matrix.zeros(0, 2)), "0 sample(s)", "centers");
        assertRejected(() -> g.centers(Matrix.of(new double[][] {{0, Double.NaN}})), "centers", "NaN");
        assertRejected(() -> g.clusterStd(-1.0), "'cluster_std'", "[0, inf) or an array-like", "Got -1.0");
        assertRejected(() -> g.clusterStd(new double[] {1.0, -2.0}), "'cluster_std'", "cluster_std[1] = -2.0");
        assertRejected(() -> g.centerBox(Double.NEGATIVE_INFINITY, 1), "'center_box'");
        assertRejected(() -> g.randomState(-5), "'random_state'", "Got -5");

        assertRejected(() -> g.nSamples(new int[] {5, 5}).centers(3).randomState(0).generate(),
                "Parameter `centers` must be array-like. Got 3 instead");
        assertRejected(() -> g.nSamples(new int[] {5, 5}).centers(Matrix.zeros(3, 2)).randomState(0).generate(),
                "Length of `n_samples` not consistent with number of centers", "[5, 5]", "3 rows");
        assertRejected(() -> g.centers(4).clusterStd(new double[] {1, 2}).randomState(0).generate(),
                "Length of `clusters_std` not consistent with number of centers", "4 centers", "[1.0, 2.0]");
    }
}
