package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import libsvm.LibsvmOracle;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.linalg.Matrix;

/**
 * The whole fit against the libsvm Java port's {@code svm_train}: binary and multi-class (one vs
 * one), all four kernels, shrinking on and off, with and without class weights. Same support set
 * and per-class counts, same rho (as −intercept), decision values of new points within 1e-9 of
 * {@code max(1, |value|)}, same predicted labels; Platt's sigmoid fit and pairwise coupling equal to
 * the port's {@code sigmoid_train} and {@code multiclass_probability} within 1e-12.
 *
 * <p>The points are sorted by label first, so that the port's class order (first appearance) is
 * scikit-learn's (ascending); labels are 0..k−1, avoiding the port's special order for {−1, +1}.
 */
class MulticlassVsLibsvmTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String kernel : new String[] {"linear", "poly", "rbf", "sigmoid"}) {
            for (boolean shrinking : new boolean[] {true, false}) {
                out.add(Arguments.of(kernel, shrinking, 2, false));
                out.add(Arguments.of(kernel, shrinking, 4, kernel.equals("rbf") || kernel.equals("linear")));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} shrinking={1} classes={2} weighted={3}")
    @MethodSource("cases")
    void sameModelAsSvmTrain(String kernel, boolean shrinking, int k, boolean weighted) {
        TestData.Points p = TestData.sortedByLabel(TestData.blobs(160, 3, k, 1.3, 31 + k));
        Matrix test = TestData.blobs(40, 3, k, 1.3, 77).x();
        double gamma = kernel.equals("sigmoid") ? 0.05 : 0.4;
        double coef0 = kernel.equals("sigmoid") ? -0.2 : 0.5;
        double c = 2.0;

        svm_parameter param = LibsvmOracle.parameter(kernel, gamma, coef0, 3, c, 1e-3, shrinking, 1);
        SVC svc = new SVC().kernel(kernel).gamma(gamma).coef0(coef0).degree(3).C(c).shrinking(shrinking).cacheSize(1)
                .decisionFunctionShape("ovo");
        if (weighted) {
            param.nr_weight = 2;
            param.weight_label = new int[] {0, 2};
            param.weight = new double[] {3.0, 0.5};
            svc = svc.classWeight(Map.of(0, 3.0, 2, 0.5));
        }
        double[] yd = new double[p.y().length];
        for (int i = 0; i < yd.length; i++) {
            yd[i] = p.y()[i];
        }
        svm_model ref = LibsvmOracle.train(p.rows(), yd, param);
        SVCModel m = svc.fit(p.x(), p.y());

        assertArrayEquals(ref.label, m.classes(), "classes");
        assertArrayEquals(ref.nSV, m.nSupport(), "n_support");
        int[] refSupport = new int[ref.l];
        for (int s = 0; s < ref.l; s++) {
            refSupport[s] = ref.sv_indices[s] - 1;
        }
        assertArrayEquals(refSupport, m.support(), "support");
        double[] rho = m.rho();
        for (int q = 0; q < rho.length; q++) {
            assertEquals(ref.rho[q], rho[q], 1e-9 * Math.max(1, Math.abs(ref.rho[q])), "rho " + q);
        }
        Matrix dec = m.decisionFunction(test);
        int[] pred = m.predict(test);
        for (int r = 0; r < test.rows(); r++) {
            double[] expected = LibsvmOracle.decisionValues(ref, test.row(r));
            double[] actual = dec.row(r);
            for (int q = 0; q < expected.length; q++) {
                double e = k == 2 ? -expected[q] : expected[q];
                assertEquals(e, actual[q], 1e-9 * Math.max(1, Math.abs(e)), "decision value " + r + "," + q);
            }
            assertEquals((int) svm.svm_predict(ref, LibsvmOracle.nodes(test.row(r))), pred[r], "label " + r);
        }
    }

    @Test
    void plattScalingAsSigmoidTrain() throws ReflectiveOperationException {
        Random r = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + r.nextInt(200);
            double[] dec = new double[n];
            double[] labels = new double[n];
            double shift = r.nextGaussian();
            for (int i = 0; i < n; i++) {
                labels[i] = r.nextDouble() < 0.4 ? 1 : -1;
                dec[i] = labels[i] * (0.3 + r.nextDouble() * 2) * (r.nextDouble() < 0.8 ? 1 : -1) + shift;
            }
            if (trial == 0) {
                java.util.Arrays.fill(labels, 1); // one class only
            }
            double[] expected = LibsvmOracle.sigmoidTrain(dec, labels);
            double[] actual = PlattScaling.fit(dec, labels);
            assertEquals(expected[0], actual[0], 1e-12 * Math.max(1, Math.abs(expected[0])), "A");
            assertEquals(expected[1], actual[1], 1e-12 * Math.max(1, Math.abs(expected[1])), "B");
        }
    }

    @Test
    void pairwiseCouplingAsMulticlassProbability() throws ReflectiveOperationException {
        Random rnd = new Random(6);
        for (int k = 2; k <= 6; k++) {
            for (int trial = 0; trial < 10; trial++) {
                double[][] r = new double[k][k];
                for (int i = 0; i < k; i++) {
                    for (int j = i + 1; j < k; j++) {
                        r[i][j] = Math.min(Math.max(rnd.nextDouble(), 1e-7), 1 - 1e-7);
                        r[j][i] = 1 - r[i][j];
                    }
                }
                double[] expected = LibsvmOracle.multiclassProbability(r);
                double[] actual = new double[k];
                PairwiseCoupling.couple(k, r, actual);
                for (int i = 0; i < k; i++) {
                    assertEquals(expected[i], actual[i], 1e-12, "p[" + i + "] k=" + k);
                }
            }
        }
    }
}
