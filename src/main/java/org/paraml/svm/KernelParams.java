package org.paraml.svm;

/**
 * A resolved kernel: its type and the numbers it uses ({@code gamma} already resolved from
 * 'scale' or 'auto').
 */
record KernelParams(SVC.Kernel type, double gamma, double coef0, int degree) {
}
