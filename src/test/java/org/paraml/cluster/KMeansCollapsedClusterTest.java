package org.paraml.cluster;


import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.data.Blocks;

/**
 * An empty cluster takes the farthest row, which was the only row of its cluster: that cluster is left
 * with no row, and scikit-learn 1.2 puts its centre at the mean of X (its sum, 0, is taken on X minus
 * its mean), not at the origin. Fixtures: kmeans_collapsed_cluster.json (make_kmeans_collapse_fixture.py).
 */
class KMeansCollapsedClusterTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Fixtures.Case c : Fixtures.cases("kmeans_collapsed_cluster.json")) {
            for (int threads = 1; threads <= 2; threads++) {
                out.add(Arguments.of(c, threads, false));
                out.add(Arguments.of(c, threads, true));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, {1} thread(s), blocks {2}")
    @MethodSource("cases")
    void theClusterLeftWithoutRowsMovesToTheMeanOfX(Fixtures.Case c, int threads, boolean blocks) {
        KMeans km = Fixtures.estimator(c).threads(threads);
        KMeansModel m = blocks ? km.fit(Blocks.of(c.x(), 2)) : km.fit(c.x());
        Fixtures.assertMatches(c, m, 1e-9, 1e-12);
    }
}
