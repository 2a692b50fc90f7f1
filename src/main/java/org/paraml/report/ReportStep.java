package org.paraml.report;

import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * One step of a report and the numbers it shows. Each kind is a record; arrays and matrices are copied
 * in, so a step does not change after it is made.
 */
public sealed interface ReportStep {
    /** The step's heading, e.g. "Step 2. Fit a support vector classifier: SVC(random_state=0)". */
    String title();

    /**
     * The data: its shape and the number of rows of each class.
     *
     * @param classCounts the rows of each class, in class order (may be empty)
     */
    record Data(String title, int rows, int cols, int[] classCounts) implements ReportStep {
        /** Checks that {@code title} is not null and copies {@code classCounts}. */
        public Data {
            Objects.requireNonNull(title, "title");
            classCounts = classCounts.clone();
        }

        /** The rows of each class (a copy). */
        @Override
        public int[] classCounts() {
            return classCounts.clone();
        }
    }

    /**
     * A fitted SVC.
     *
     * @param nSupport    {@code n_support_}: support vectors per class
     * @param accuracy    its score (accuracy) on the training data
     * @param fitSeconds  the wall time of the fit
     */
    record Svc(String title, int[] nSupport, double accuracy, double fitSeconds) implements ReportStep {
        /** Checks that {@code title} is not null and copies {@code nSupport}. */
        public Svc {
            Objects.requireNonNull(title, "title");
            nSupport = nSupport.clone();
        }

        /** {@code n_support_} (a copy). */
        @Override
        public int[] nSupport() {
            return nSupport.clone();
        }
    }

    /**
     * A finished hyperparameter search.
     *
     * @param seconds its wall time, refit included
     */
    record Search(String title, SearchScores scores, double seconds) implements ReportStep {
        /** Checks that {@code title} and {@code scores} are not null. */
        public Search {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(scores, "scores");
        }
    }

    /**
     * A fitted KMeans and a sample of the rows it was fitted on.
     *
     * @param rows         the rows it was fitted on
     * @param blocks       the blocks they came in
     * @param centres      {@code cluster_centers_}, {@code n_clusters × n_features}
     * @param sample       some of the rows ({@code n × n_features}), or null for none
     * @param sampleLabels the cluster of each sample row, or null with no sample
     */
    record KMeans(String title, long rows, int blocks, double inertia, int nIter, double fitSeconds, Matrix centres,
                  Matrix sample, int[] sampleLabels) implements ReportStep {
        /**
         * Checks that {@code title} is not null and that a sample comes with one label per row and the centres' number
         * of features; copies the centres, the sample and its labels.
         */
        public KMeans {
            Objects.requireNonNull(title, "title");
            centres = centres.copy();
            if ((sample == null) != (sampleLabels == null)) {
                throw new IllegalArgumentException("a sample needs its labels, and labels their sample");
            }
            if (sample != null) {
                if (sample.rows() != sampleLabels.length) {
                    throw new IllegalArgumentException("the sample has " + sample.rows() + " rows but "
                            + sampleLabels.length + " labels");
                }
                if (sample.cols() != centres.cols()) {
                    throw new IllegalArgumentException("the sample has " + sample.cols() + " features but the centres "
                            + centres.cols());
                }
                sample = sample.copy();
                sampleLabels = sampleLabels.clone();
            }
        }

        /** {@code cluster_centers_} (a copy). */
        @Override
        public Matrix centres() {
            return centres.copy();
        }

        /** The sample (a copy), or null. */
        @Override
        public Matrix sample() {
            return sample == null ? null : sample.copy();
        }

        /** The sample's labels (a copy), or null. */
        @Override
        public int[] sampleLabels() {
            return sampleLabels == null ? null : sampleLabels.clone();
        }
    }
}
