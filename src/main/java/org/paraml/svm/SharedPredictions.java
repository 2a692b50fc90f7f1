package org.paraml.svm;

import org.paraml.backend.SmoOps;

/**
 * An SVC's labels for rows of a search's data, from the float32 kernel values of the search's
 * {@link SharedGram} instead of float64 kernel values computed again: the pair decision values
 * {@code f = Σ_t c_t K(x, sv_t) − ρ} are summed, in {@link OneVsOne#decisionValues}' order, from
 * {@code K32 = (float) K}, and a row keeps that vote only when every pair's sign is certain; the other
 * rows are predicted as {@link SVCModel#predict} predicts them. So the labels are the model's own.
 *
 * <p><b>Why the sign is certain.</b> With {@code A = Σ|c_t·K32_t|} and {@code C = Σ|c_t|} over the
 * {@code m} terms of a pair: rounding to float32 moves each kernel value by at most
 * {@code 2^-24·|K| + 2^-150} (subnormals included), and each float64 sum of products is within
 * {@code (m + 1)·2^-53} of its exact value relative to the sum of magnitudes. So the model's sum and
 * this one differ by at most {@code B = 2^-23·A + 2^-149·C + 2.01·(m + 1)·2^-53·A} (first order). The
 * test uses {@code 2^-20·A + 2^-140·C + 4·(m + 1)·2^-53·A}, eight times that: room for a kernel value
 * whose float64 form another backend computes a few units in the last place apart. When
 * {@code |Σ − ρ| > B} the model's {@code Σ − ρ} has the same sign and is not zero, so libsvm's vote
 * ({@code f > 0} for the pair's first class) is the same.
 */
final class SharedPredictions {
    private static final double RELATIVE = 0x1p-20;
    private static final double ABSOLUTE = 0x1p-140;
    private static final double SUM = 4 * 0x1p-53;
    /** The most pair sums (and as many magnitudes) held at once: 2^19 values, 4 MB each. */
    static final long BLOCK_SUMS = 1 << 19;

    private SharedPredictions() {
    }

    /**
     * The vote of each test row, or −1 where a pair's sign is not certain.
     *
     * <p>The sums run support vector by support vector over a block of test rows at once (each support vector's
     * shared row holds its values against every test row, lying together when the rows are a test fold
     * of the search's layout), so that every row's sum still adds its terms in the model's order while
     * the loop over the rows is a vector loop ({@link SmoOps#addTerms}) instead of a chain of dependent
     * additions per row. The support vectors' rows are in the matrix already: a search's fit asked for
     * the column of every point whose coefficient it moved. The blocks hold at most {@link #BLOCK_SUMS} pair
     * sums (all the rows of a binary model's fold, fewer rows for many classes), so memory stays bounded.
     *
     * @param gram     the shared matrix of the model's kernel
     * @param ops      the loops ({@link SmoOps#addTerms}, {@link SmoOps#gather})
     * @param testRows the data rows to predict
     * @param svRows   the data row of each support vector, in the model's order
     * @param nSupport support vectors per class
     * @param svCoef   libsvm's coefficients ({@code svCoef[j − 1]} and {@code svCoef[i]} for pair (i, j))
     * @param rho      ρ of each pair
     * @param threads  the thread budget for rows still to compute
     * @return the index of the winning class of each row, or −1
     */
    static int[] votes(SharedGram gram, SmoOps ops, int[] testRows, int[] svRows, int[] nSupport,
                       double[][] svCoef, double[] rho, int threads) {
        return votes(gram, ops, testRows, svRows, nSupport, svCoef, rho, threads, BLOCK_SUMS);
    }

    /** {@link #votes} holding at most {@code blockSums} pair sums at once (tests use small blocks). */
    static int[] votes(SharedGram gram, SmoOps ops, int[] testRows, int[] svRows, int[] nSupport,
                       double[][] svCoef, double[] rho, int threads, long blockSums) {
        int k = nSupport.length;
        int pairs = OneVsOne.pairs(k);
        int nsv = svRows.length;
        int n = testRows.length;
        int[] svClass = new int[nsv];
        for (int c = 0, t = 0; c < k; c++) {
            for (int e = t + nSupport[c]; t < e; t++) {
                svClass[t] = c;
            }
        }
        int[] testAt = new int[n];
        boolean contiguous = true;
        for (int r = 0; r < n; r++) {
            testAt[r] = gram.position(testRows[r]);
            contiguous &= testAt[r] == testAt[0] + r;
        }
        double[] coefSums = new double[pairs]; // Σ|c_t| of each pair: the bound's absolute term
        for (int t = 0; t < nsv; t++) {
            for (int other = 0; other < k; other++) {
                if (other != svClass[t]) {
                    coefSums[pairIndex(svClass[t], other, k)] += Math.abs(coefficient(svCoef, svClass[t], other, t));
                }
            }
        }
        // the test rows in blocks whose pair sums take at most BLOCK_SUMS values: a few megabytes however many
        // rows and classes; pair q's sums for row r of a block are at [q·block + r]
        int block = (int) Math.max(1, Math.min(n, blockSums / pairs));
        double[] sums = new double[pairs * block];
        double[] magnitudes = new double[pairs * block];
        float[] scratch = contiguous ? null : new float[n];
        int batch = SharedGram.BATCH_ROWS;
        int[] idx = new int[batch];
        int[] offsets = new int[batch];
        int[] out = new int[n];
        double[] dec = new double[pairs];
        for (int b0 = 0; b0 < n; b0 += block) {
            int nb = Math.min(block, n - b0);
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(magnitudes, 0);
            for (int from = 0; from < nsv; from += batch) {
                int count = Math.min(batch, nsv - from);
                for (int s = 0; s < count; s++) {
                    idx[s] = gram.position(svRows[from + s]);
                }
                float[][] rows = gram.rows(idx, count, threads, offsets);
                for (int s = 0; s < count; s++) {
                    int t = from + s;
                    float[] src = rows[s];
                    int srcFrom = offsets[s] + testAt[b0];
                    if (!contiguous) {
                        ops.gather(rows[s], -offsets[s], testAt, 1f, null, scratch, b0, b0 + nb);
                        src = scratch;
                        srcFrom = b0;
                    }
                    int c = svClass[t];
                    for (int other = 0; other < k; other++) {
                        if (other != c) {
                            ops.addTerms(src, srcFrom, coefficient(svCoef, c, other, t), sums, magnitudes,
                                    pairIndex(c, other, k) * block, nb);
                        }
                    }
                }
            }
            for (int r = 0; r < nb; r++) {
                boolean certain = true;
                for (int i = 0, q = 0; i < k && certain; i++) {
                    for (int j = i + 1; j < k; j++, q++) {
                        int m = nSupport[i] + nSupport[j];
                        double bound = (RELATIVE + SUM * (m + 1)) * magnitudes[q * block + r] + ABSOLUTE * coefSums[q];
                        double f = sums[q * block + r] - rho[q];
                        if (!(Math.abs(f) > bound)) {
                            certain = false;
                            break;
                        }
                        dec[q] = f;
                    }
                }
                out[b0 + r] = certain ? OneVsOne.vote(dec, 0, k) : -1;
            }
        }
        return out;
    }

    /** The index of pair (a, b) (either order) in libsvm's pair order (0, 1), (0, 2), …, (1, 2), … of k classes. */
    private static int pairIndex(int a, int b, int k) {
        int i = Math.min(a, b);
        int j = Math.max(a, b);
        return i * (2 * k - i - 1) / 2 + (j - i - 1);
    }

    /** Support vector t's coefficient (it is of class c) in the pair of c and other: svCoef[j − 1] for class i, svCoef[i] for j. */
    private static double coefficient(double[][] svCoef, int c, int other, int t) {
        return c < other ? svCoef[other - 1][t] : svCoef[other][t];
    }
}
