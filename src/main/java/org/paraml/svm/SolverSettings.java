package org.paraml.svm;

/**
 * The settings every SMO solve of one fit shares.
 *
 * @param tol         the stopping tolerance on the maximal violation {@code m(α) − M(α)}
 * @param shrinking   whether to shrink the active set
 * @param cacheSizeMb the kernel cache budget in megabytes (2^20 bytes) per solve
 * @param maxIter     the most SMO steps per solve, or −1 for no limit
 */
record SolverSettings(double tol, boolean shrinking, double cacheSizeMb, int maxIter) {
}
