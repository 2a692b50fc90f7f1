package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link MakeClassification} against scikit-learn 1.2.1 (fixtures/make_classification.json.gz). */
class MakeClassificationTest {
    /**
     * Tolerance on X: relative difference ≤ 1e-13 element-wise. X passes through two matrix
     * products whose rounding depends on the BLAS numpy was built with; labels are compared exactly.
     */
    static final double REL_TOL = 1e-13;

    /** The generator scikit-learn's keyword arguments describe. */
    static MakeClassification fromParams(JsonNode params) {
        MakeClassification g = new MakeClassification();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            JsonNode v = e.getValue();
            g = switch (e.getKey()) {
                case "n_samples" -> g.nSamples(v.intValue());
                case "n_features" -> g.nFeatures(v.intValue());
                case "n_informative" -> g.nInformative(v.intValue());
                case "n_redundant" -> g.nRedundant(v.intValue());
                case "n_repeated" -> g.nRepeated(v.intValue());
                case "n_classes" -> g.nClasses(v.intValue());
                case "n_clusters_per_class" -> g.nClustersPerClass(v.intValue());
                case "weights" -> g.weights(v.isNull() ? null : Fixtures.doubles(v));
                case "flip_y" -> g.flipY(v.doubleValue());
                case "class_sep" -> g.classSep(v.doubleValue());
                case "hypercube" -> g.hypercube(v.booleanValue());
                case "shift" -> v.isNull() ? g.shiftRandom() : v.isArray() ? g.shift(Fixtures.doubles(v))
                        : g.shift(v.doubleValue());
                case "scale" -> v.isNull() ? g.scaleRandom() : v.isArray() ? g.scale(Fixtures.doubles(v))
                        : g.scale(v.doubleValue());
                case "shuffle" -> g.shuffle(v.booleanValue());
                case "random_state" -> g.randomState(v.longValue());
                default -> throw new AssertionError("unknown make_classification parameter in fixture: " + e.getKey());
            };
        }
        return g;
    }

    /**
     * Every case: labels exact, X within {@link #REL_TOL}. Where the summation order of numpy's
     * products is reproduced (n_informative ≤ 15, see {@code BlasOrder}), X must moreover be exactly
     * equal except for at most 2 + 1/500 of the values, the trace of glibc's misrounded logarithms
     * (see {@link GaussianAgreement}).
     */
    @Test
    void everyFixtureCaseIsReproduced() {
        JsonNode cases = Fixtures.read("make_classification.json.gz").get("cases");
        assertTrue(cases.size() >= 12, "expected the fixture's cases");
        int exactCases = 0;
        for (JsonNode c : cases) {
            String name = c.get("name").textValue();
            MakeClassification g = fromParams(c.get("params"));
            Dataset d = g.generate();
            assertArrayEquals(Fixtures.ints(c.get("y")), d.y(), name + ": labels");
            DatasetAgreement.Report r = DatasetAgreement.assertClose(Fixtures.matrix(c.get("X"), c.get("shape")),
                    d.x(), REL_TOL, name + " " + g);
            int values = d.x().rows() * d.x().cols();
            if (g.nInformative() <= 15) {
                assertTrue(r.inexact() <= 2 + values / 500, name + ": " + r + " of " + values + " values");
            }
            if (r.inexact() == 0) {
                exactCases++;
            }
        }
        assertTrue(exactCases >= cases.size() / 2, "only " + exactCases + " of " + cases.size()
                + " cases were bit-for-bit equal");
    }

    @Test
    void tutorialDatasetHasTheTutorialShape() {
        Dataset d = new MakeClassification().nSamples(10000).nFeatures(4).randomState(0).generate();
        assertEquals(10000, d.x().rows());
        assertEquals(4, d.x().cols());
        assertArrayEquals(new int[] {0, 1}, Labels.classes(d.y()));
        int[] counts = Labels.counts(d.y(), new int[] {0, 1});
        assertTrue(Math.abs(counts[0] - counts[1]) < 200, "balanced classes expected, got " + counts[0] + " / "
                + counts[1]);
    }

    @Test
    void sameSeedTwiceGivesTheSameArrays() {
        MakeClassification g = new MakeClassification().nSamples(500).nFeatures(9).nInformative(4).nRedundant(2)
                .nRepeated(1).nClasses(3).shiftRandom().scaleRandom().randomState(42);
        Dataset a = g.generate();
        Dataset b = g.generate();
        assertTrue(a.x().contentEquals(b.x()));
        assertArrayEquals(a.y(), b.y());
        Dataset c = g.randomState(43).generate();
        assertTrue(!a.x().contentEquals(c.x()), "another seed should give other data");
    }

    @Test
    void givenStreamIsAdvancedAsScikitLearnAdvancesARandomStateInstance() {
        MakeClassification g = new MakeClassification().nSamples(50).randomState(7);
        RandomState shared = new RandomState(7);
        Dataset first = g.generate(shared);
        Dataset second = g.generate(shared);
        assertTrue(first.x().contentEquals(g.generate().x()), "first draw from RandomState(7) equals random_state=7");
        assertTrue(!first.x().contentEquals(second.x()), "the shared stream moves on");
    }

    @Test
    void settersReturnCopiesAndKeepDefaults() {
        MakeClassification base = new MakeClassification();
        MakeClassification changed = base.nSamples(5).weights(0.2, 0.8);
        assertEquals(100, base.nSamples());
        assertEquals(5, changed.nSamples());
        assertEquals(null, base.weights());
        assertArrayEquals(new double[] {0.2, 0.8}, changed.weights());
        assertEquals(20, base.nFeatures());
        assertEquals(2, base.nInformative());
        assertEquals(2, base.nRedundant());
        assertEquals(0, base.nRepeated());
        assertEquals(2, base.nClasses());
        assertEquals(2, base.nClustersPerClass());
        assertEquals(0.01, base.flipY());
        assertEquals(1.0, base.classSep());
        assertTrue(base.hypercube());
        assertTrue(base.shuffle());
        assertTrue(base.randomState().isEmpty());
        assertTrue(base.toString().startsWith("make_classification(n_samples=100, n_features=20"), base.toString());
    }

    @Test
    void entropySeededGeneratorsDiffer() {
        MakeClassification g = new MakeClassification().nSamples(20);
        assertTrue(!g.generate().x().contentEquals(g.generate().x()));
    }

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" should contain \"" + f + "\"");
        }
    }

    /**
     * The whole message, as scikit-learn's {@code validate_params} words it (its constraints declare
     * the bounds as Python ints, {@code Interval(Real, 0, 1, closed="both")}, and list the other
     * accepted types); checked against {@code validate_parameter_constraints} of scikit-learn.
     */
    @Test
    void rangeMessagesAreWordedAsScikitLearns() {
        MakeClassification g = new MakeClassification();
        assertEquals("The 'flip_y' parameter of make_classification must be a float in the range [0, 1]. "
                + "Got 1.5 instead.", assertThrows(IllegalArgumentException.class, () -> g.flipY(1.5)).getMessage());
        assertEquals("The 'flip_y' parameter of make_classification must be a float in the range [0, 1]. "
                + "Got nan instead.",
                assertThrows(IllegalArgumentException.class, () -> g.flipY(Double.NaN)).getMessage());
        assertEquals("The 'class_sep' parameter of make_classification must be a float in the range (0, inf). "
                + "Got 0.0 instead.", assertThrows(IllegalArgumentException.class, () -> g.classSep(0.0)).getMessage());
        assertEquals("The 'class_sep' parameter of make_classification must be a float in the range (0, inf). "
                + "Got -1e-05 instead.", assertThrows(IllegalArgumentException.class, () -> g.classSep(-1e-5)).getMessage());
        assertEquals("The 'scale' parameter of make_classification must be a float in the range (0, inf), "
                + "an array-like or None. Got -2.0 instead.",
                assertThrows(IllegalArgumentException.class, () -> g.scale(-2.0)).getMessage());
        assertEquals("The 'cluster_std' parameter of make_blobs must be a float in the range [0, inf) or an "
                + "array-like. Got -1.0 instead.",
                assertThrows(IllegalArgumentException.class, () -> new MakeBlobs().clusterStd(-1.0)).getMessage());
    }

    @Test
    void badParametersAreRejectedWithScikitLearnsMessages() {
        MakeClassification g = new MakeClassification();
        assertRejected(() -> g.nSamples(0), "'n_samples'", "make_classification", "[1, inf)", "Got 0");
        assertRejected(() -> g.nFeatures(-3), "'n_features'", "Got -3");
        assertRejected(() -> g.nInformative(0), "'n_informative'", "Got 0");
        assertRejected(() -> g.nRedundant(-1), "'n_redundant'", "[0, inf)");
        assertRejected(() -> g.nRepeated(-1), "'n_repeated'", "[0, inf)");
        assertRejected(() -> g.nClasses(0), "'n_classes'");
        assertRejected(() -> g.nClustersPerClass(0), "'n_clusters_per_class'");
        assertRejected(() -> g.flipY(1.5), "'flip_y'", "[0, 1]", "Got 1.5");
        assertRejected(() -> g.flipY(-0.1), "'flip_y'", "Got -0.1");
        assertRejected(() -> g.flipY(Double.NaN), "'flip_y'", "Got nan");
        assertRejected(() -> g.classSep(0.0), "'class_sep'", "(0, inf)");
        assertRejected(() -> g.scale(-2.0), "'scale'", "Got -2.0");
        assertRejected(() -> g.shift(Double.POSITIVE_INFINITY), "'shift'");
        assertRejected(() -> g.weights(0.5, -0.5), "'weights'", "-0.5");
        assertRejected(() -> g.randomState(-1), "'random_state'", "2**32 - 1", "Got -1");
        assertRejected(() -> g.randomState(1L << 32), "'random_state'");

        assertRejected(() -> g.nFeatures(4).nInformative(2).nRedundant(2).nRepeated(1).generate(),
                "informative, redundant and repeated", "n_informative(2)", "n_redundant(2)", "n_repeated(1)",
                "= 5 > n_features(4)");
        assertRejected(() -> g.nClasses(3).nClustersPerClass(2).nInformative(2).generate(),
                "n_classes(3) * n_clusters_per_class(2) must be smaller or equal 2**n_informative(2)=4");
        assertRejected(() -> g.nClasses(3).nClustersPerClass(1).weights(0.1, 0.2, 0.3, 0.4).randomState(0).generate(),
                "Weights specified but incompatible with number of classes", "4 values", "n_classes is 3");
        assertRejected(() -> g.nFeatures(3).nRedundant(0).shift(new double[] {1, 2}).randomState(0).generate(),
                "'shift'", "2 values", "n_features is 3");
        assertRejected(() -> g.nFeatures(3).nRedundant(0).scale(new double[] {1, 2, 3, 4}).randomState(0).generate(),
                "'scale'", "4 values", "n_features is 3");
    }
}
