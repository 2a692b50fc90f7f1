package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.data.Blocks;

/**
 * Against scikit-learn 1.2: the same initial centres (or the same random draws) give the same labels,
 * the same number of iterations, and the same inertia and centres within 1e-6 relative.
 */
class KMeansSklearnFixturesTest {

    static List<Fixtures.Case> arrayInit() {
        return Fixtures.cases("kmeans_array_init.json");
    }

    static List<Fixtures.Case> randomInit() {
        return Fixtures.cases("kmeans_random_init.json");
    }

    private static void assertMatches(Fixtures.Case c, KMeansModel m) {
        Fixtures.assertMatches(c, m, 1e-6, 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrayInit")
    void sameInitialCentresGiveScikitLearnsFit(Fixtures.Case c) {
        assertMatches(c, Fixtures.estimator(c).threads(2).fit(c.x()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrayInit")
    void blocksGiveTheSameFit(Fixtures.Case c) {
        int blockRows = Math.max(1, c.x().rows() / 7);
        KMeansModel m = Fixtures.estimator(c).threads(3).fit(Blocks.of(c.x(), blockRows));
        assertMatches(c, m);
        assertEquals(c.x().rows(), m.labels().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomInit")
    void sameRandomStateGivesScikitLearnsDraws(Fixtures.Case c) {
        KMeansModel m = Fixtures.estimator(c).threads(1).fit(c.x());
        assertMatches(c, m);
        assertTrue(m.inertia() > 0);
    }
}
