package org.paraml.svm;

import java.util.Arrays;
import org.paraml.backend.Backends;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;

/**
 * Run in a fresh JVM by {@link ScalarBackendVectorFreeTest}: one fit on the scalar backend, with probability
 * estimates (the calibration's solves too) and predictions, then its numbers of support vectors.
 */
final class ScalarFitProbe {
    private ScalarFitProbe() {
    }

    public static void main(String[] args) {
        Dataset data = new MakeClassification().nSamples(600).nFeatures(4).randomState(0).generate();
        SVCModel model = new SVC().randomState(0L).probability(true).backend(Backends.byName("scalar"))
                .fit(data.x(), data.y());
        model.predictProba(data.x());
        System.out.println("n_support " + Arrays.toString(model.nSupport()));
    }
}
