package org.paraml.cluster;

import org.paraml.linalg.Matrix;

/**
 * What a Lloyd fit needs to know of its data: the mean of each feature (where a cluster left without rows goes)
 * and the mean over features of their population variance (scikit-learn's tolerance is {@code tol} times it).
 *
 * <p>The first Lloyd pass gives both without a read of its own. With {@code n_c} rows, sum {@code s_c} and
 * distances {@code I_c = Σ_{i∈c} ‖x_i − a_c‖²} to its centre {@code a_c} for each centre c, the mean is
 * {@code μ = Σ_c s_c / n} and, with {@code m_c = s_c / n_c},
 * <pre>  Σ_i ‖x_i − μ‖² = Σ_c (I_c − n_c‖m_c − a_c‖²) + Σ_c n_c‖m_c − μ‖²</pre>
 * (each row's squared distance to a point is its squared distance to its cluster's mean plus that mean's to the
 * point). The variance so found differs from a direct measure by rounding only: each distance is within
 * {@code (d + 2)·2^−42} of its value relative (the search's cancellation rule recomputes the closer ones directly)
 * and the sums within their length times {@code 2^−53}. When that bound is not within {@link #ACCEPTED} of the
 * variance (a centre far outside its rows makes {@code I_c} huge against the rows' own spread), the fit measures
 * the features with a pass of their own instead ({@link FeatureStats}). Measuring them in every first Lloyd pass
 * cost 11 ns a row, a fifth of that pass (bench/RESULTS.md, session 35).
 *
 * @param mean         each feature's mean, in the data's own coordinates (not translated)
 * @param meanVariance the mean over features of each feature's population variance (ddof = 0)
 */
record DataSpread(double[] mean, double meanVariance) {

    /** Each feature's mean (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** The largest relative error bound accepted for the variance from the clusters. */
    static final double ACCEPTED = 1e-6;

    /** From features measured directly. */
    static DataSpread of(FeatureStats s) {
        return new DataSpread(s.mean(), s.meanVariance());
    }

    /**
     * From one Lloyd pass in the fit's translated frame, or null when its rounding bound is not within
     * {@link #ACCEPTED} of the variance.
     *
     * @param sums          per-centre sums of the translated rows ({@code k × d}, row-major), before empty
     *                      clusters are moved
     * @param counts        rows per centre
     * @param distances     per centre, the sum of its rows' squared distances to it ({@code I_c})
     * @param centres       the pass's centres (translated)
     * @param shift         the translation (null: none)
     * @param maxTermsInSum the most terms any of the distance sums added (rows of a block plus blocks)
     */
    static DataSpread fromClusters(double[] sums, double[] counts, double[] distances, Matrix centres, double[] shift,
                                   long maxTermsInSum) {
        int k = counts.length;
        int d = centres.cols();
        double n = 0;
        for (double c : counts) {
            n += c;
        }
        if (!(n > 0)) {
            return null;
        }
        double[] mean = new double[d];
        for (int c = 0; c < k; c++) {
            for (int f = 0; f < d; f++) {
                mean[f] += sums[c * d + f];
            }
        }
        for (int f = 0; f < d; f++) {
            mean[f] /= n;
        }
        double squares = 0;
        double distanceTotal = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double toCentre = 0;
            double toMean = 0;
            for (int f = 0; f < d; f++) {
                double m = sums[c * d + f] / counts[c];
                double a = m - centres.get(c, f);
                double b = m - mean[f];
                toCentre += a * a;
                toMean += b * b;
            }
            squares += distances[c] - counts[c] * toCentre + counts[c] * toMean;
            distanceTotal += distances[c] + counts[c] * (toCentre + toMean);
        }
        double unit = Math.ulp(1.0) / 2;
        double bound = ((d + 2) * 0x1p-42 + (maxTermsInSum + 4L * d + k) * unit) * distanceTotal;
        if (!(squares > 0) || !Double.isFinite(squares) || bound > ACCEPTED * squares) {
            return null;
        }
        if (shift != null) {
            for (int f = 0; f < d; f++) {
                mean[f] += shift[f];
            }
        }
        return new DataSpread(mean, squares / n / d);
    }
}
