package org.paraml.svm;

/**
 * What one SMO solve returns (libsvm's {@code SolutionInfo} plus the solution).
 *
 * @param alpha      the dual variables in the problem's original order (not multiplied by y)
 * @param rho        the offset: the decision function is {@code f(x) = Σ y_i α_i K(x_i, x) − rho}
 * @param objective  the dual objective {@code ½ αᵀQα − eᵀα} at the solution
 * @param iterations the number of SMO steps taken
 * @param timedOut   true when {@code max_iter} stopped the solver before the stopping criterion held
 */
record SolverResult(double[] alpha, double rho, double objective, int iterations, boolean timedOut) {
}
