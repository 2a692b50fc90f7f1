package org.paraml.bench;

import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.linalg.Matrix;

/**
 * The SVC benchmark data, scikit-learn's {@code make_classification(n_samples, n_features,
 * random_state=0)} (the tutorial's case: 10,000 × 4; the large case: 50,000 × 20), and the same
 * problem for the libsvm Java port.
 */
final class SvcData {
    private SvcData() {
    }

    /** {@code make_classification(n, d, random_state=0)}, as scikit-learn makes it. */
    static Dataset classification(int n, int d) {
        return new MakeClassification().nSamples(n).nFeatures(d).randomState(0).generate();
    }

    /** The case named {@code tutorial} (10,000 × 4) or {@code large} (50,000 × 20). */
    static Dataset named(String name) {
        return switch (name) {
            case "tutorial" -> classification(10_000, 4);
            case "large" -> classification(50_000, 20);
            default -> throw new IllegalArgumentException("unknown data set " + name + ": tutorial or large");
        };
    }

    /** scikit-learn's {@code gamma='scale'}: {@code 1 / (n_features · X.var())}. */
    static double scaleGamma(Matrix x) {
        double[] v = x.compact().data();
        double mean = 0;
        for (double e : v) {
            mean += e;
        }
        mean /= v.length;
        double ss = 0;
        for (double e : v) {
            ss += (e - mean) * (e - mean);
        }
        return 1.0 / (x.cols() * (ss / v.length));
    }

    /** The data as a libsvm problem (dense nodes, indices from 1). */
    static svm_problem libsvmProblem(Dataset d) {
        Matrix x = d.x();
        svm_problem p = new svm_problem();
        p.l = x.rows();
        p.y = new double[p.l];
        p.x = new svm_node[p.l][];
        for (int i = 0; i < p.l; i++) {
            p.y[i] = d.y()[i];
            svm_node[] row = new svm_node[x.cols()];
            for (int j = 0; j < x.cols(); j++) {
                row[j] = new svm_node();
                row[j].index = j + 1;
                row[j].value = x.get(i, j);
            }
            p.x[i] = row;
        }
        return p;
    }

    /** scikit-learn's SVC() defaults as libsvm parameters: C-SVC, rbf, C = 1, tol 1e-3, 200 MB cache, shrinking. */
    static svm_parameter libsvmDefaults(double gamma) {
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        p.kernel_type = svm_parameter.RBF;
        p.gamma = gamma;
        p.degree = 3;
        p.coef0 = 0;
        p.C = 1;
        p.eps = 1e-3;
        p.cache_size = 200;
        p.shrinking = 1;
        p.probability = 0;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        return p;
    }
}
