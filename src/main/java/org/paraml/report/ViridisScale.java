package org.paraml.report;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * A perceptually ordered colour scale from dark purple (low) through blue and green to yellow (high),
 * interpolated linearly in RGB between five anchor colours of the viridis map; NaN is grey. Values
 * outside the bounds take the colour of the nearer bound.
 */
final class ViridisScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;
    private static final int[] ANCHORS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};
    /** The colour of a missing value (a candidate whose fits failed). */
    static final Color MISSING = new Color(0xBBBBBB);

    private final double lower;
    private final double upper;

    /** @throws IllegalArgumentException unless {@code lower < upper}, both finite */
    ViridisScale(double lower, double upper) {
        if (!(lower < upper) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("the scale needs finite bounds lower < upper, got " + lower + ", "
                    + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * A scale that spans the finite values of {@code values}, widened to a small interval around a
     * single value (and to [0, 1] when there is none).
     */
    static ViridisScale spanning(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return new ViridisScale(0, 1);
        }
        if (lo == hi) {
            double pad = Math.max(1e-3, Math.abs(lo) * 1e-3);
            return new ViridisScale(lo - pad, hi + pad);
        }
        return new ViridisScale(lo, hi);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return colour(value);
    }

    /** The colour of {@code value}. */
    Color colour(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        double f = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (ANCHORS.length - 1);
        int i = Math.min((int) f, ANCHORS.length - 2);
        double w = f - i;
        return new Color(mix(ANCHORS[i] >> 16, ANCHORS[i + 1] >> 16, w), mix(ANCHORS[i] >> 8, ANCHORS[i + 1] >> 8, w),
                mix(ANCHORS[i], ANCHORS[i + 1], w));
    }

    private static int mix(int a, int b, double w) {
        return (int) Math.round((a & 0xFF) * (1 - w) + (b & 0xFF) * w);
    }

    /** Black or white, whichever reads better on {@code background} (by its relative luminance). */
    static Color textOn(Color background) {
        double luminance = (0.2126 * background.getRed() + 0.7152 * background.getGreen()
                + 0.0722 * background.getBlue()) / 255;
        return luminance > 0.45 ? Color.BLACK : Color.WHITE;
    }
}
