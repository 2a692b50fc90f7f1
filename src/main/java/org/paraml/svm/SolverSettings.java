package org.paraml.svm;

import org.paraml.backend.SmoOps;

/**
 * The settings every SMO solve of one fit shares.
 *
 * @param tol         the stopping tolerance on the maximal violation {@code m(α) − M(α)}
 * @param shrinking   whether to shrink the active set
 * @param cacheSizeMb the kernel cache budget in megabytes (2^20 bytes) per solve
 * @param maxIter     the most SMO steps per solve, or −1 for no limit
 * @param ops         the solves' O(l) loops: {@link SmoOps#forBackend} of the fit's backend, so that a fit on
 *                    the scalar backend runs no Vector API code (the results are the same bits either way)
 */
record SolverSettings(double tol, boolean shrinking, double cacheSizeMb, int maxIter, SmoOps ops) {
}
