package org.paraml.report;

import java.util.List;
import java.util.Map;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blobs;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;

/** Small reports made up for tests: the tutorial's shapes, with scores chosen by hand and a small real KMeans. */
final class Fabricated {
    private Fabricated() {
    }

    /** The scores of the tutorial's grid {C: [0.001, 10], kernel: [rbf, poly]}, in ParameterGrid's order. */
    static SearchScores tutorialGrid() {
        return new SearchScores(List.of(Map.of("C", 0.001, "kernel", "rbf"), Map.of("C", 0.001, "kernel", "poly"),
                Map.of("C", 10.0, "kernel", "rbf"), Map.of("C", 10.0, "kernel", "poly")),
                new double[] {0.5, 0.8713, 0.905, 0.9022}, new double[] {0.0, 0.004, 0.002, 0.003});
    }

    /** The scores of the larger grid over C. */
    static SearchScores largerGrid() {
        return new SearchScores(List.of(Map.of("C", 0.001), Map.of("C", 0.1), Map.of("C", 1.0), Map.of("C", 2.5),
                Map.of("C", 5), Map.of("C", 10.0)),
                new double[] {0.5, 0.9006, 0.9041, 0.9046, 0.9049, 0.905},
                new double[] {0.0, 0.009, 0.008, 0.0075, 0.007, 0.007});
    }

    /** A report of every kind of step, with a KMeans of 12 clusters fitted on 3,000 rows of 20 features. */
    static TutorialReport report() {
        TutorialReport r = new TutorialReport("simd", 2);
        r.add(new ReportStep.Data("Step 1. Random data: make_classification(n_samples=10000, n_features=4, random_state=0)",
                10000, 4, new int[] {5003, 4997}));
        r.add(new ReportStep.Svc("Step 2. Fit a support vector classifier: SVC(random_state=0)", new int[] {1316, 1312},
                0.905, 1.23));
        r.add(new ReportStep.Search("Step 4. GridSearchCV, serial", tutorialGrid(), 12.5));
        r.add(new ReportStep.Search("Step 5. GridSearchCV <all cores> & \"threads\"", tutorialGrid(), 7.1));
        r.add(new ReportStep.Search("Step 6. A larger grid", largerGrid(), 30.2));
        Blobs blobs = new MakeBlobs().nSamples(3000).centers(12).nFeatures(20).randomState(0).generateWithCenters();
        KMeansModel model = new KMeans().nClusters(12).randomState(0L).threads(1).fit(blobs.x());
        try (Blocks blocks = Blocks.of(blobs.x(), 1000)) {
            r.kmeans("Step 7. KMeans on blocks", model, blocks, 0.4);
        }
        return r;
    }
}
