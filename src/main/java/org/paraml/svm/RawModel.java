package org.paraml.svm;

/**
 * A trained one-vs-one C-SVC in libsvm's own conventions (before scikit-learn's sign flip for two
 * classes).
 *
 * <p>Classes are numbered {@code 0 .. k-1} in the order of {@link #labels()} (ascending). Pair
 * {@code p} enumerates {@code (i, j)}, {@code i < j}, as {@code (0,1), (0,2), …, (1,2), …}; its
 * decision value is {@code f_p(x) = Σ_{s∈SV_i} svCoef[j−1][s] K(x_s, x) + Σ_{s∈SV_j} svCoef[i][s] K(x_s, x) − rho[p]},
 * positive for class i.
 *
 * @param labels    the label of each class, ascending
 * @param nSupport  the number of support vectors of each class
 * @param support   the support vectors, as rows of the training input, grouped by class
 * @param svCoef    {@code (k−1) × support.length} coefficients {@code y_s α_s} in libsvm's layout
 * @param rho       the offset of each pair
 * @param probA     Platt's A of each pair, or null without probability
 * @param probB     Platt's B of each pair, or null without probability
 * @param nIter     SMO steps of each pair
 * @param objective the dual objective of each pair
 * @param timedOut  true when max_iter stopped any solve of the fit (the probability ones included)
 */
record RawModel(int[] labels, int[] nSupport, int[] support, double[][] svCoef, double[] rho, double[] probA,
                double[] probB, int[] nIter, double[] objective, boolean timedOut) {

    int nClasses() {
        return labels.length;
    }
}
