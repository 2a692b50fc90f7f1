package org.paraml.report;

import java.awt.Color;

/** Distinct colours for categories (clusters): twelve hand-picked ones, then hues spread by the golden angle. */
final class Palette {
    private static final int[] COLOURS = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
        0x7F7F7F, 0xBCBD22, 0x17BECF, 0x393B79, 0xAD494A};

    private Palette() {
    }

    /** The colour of category {@code i} (≥ 0), opaque. */
    static Color colour(int i) {
        if (i < COLOURS.length) {
            return new Color(COLOURS[i]);
        }
        float hue = (float) ((i * 0.6180339887498949) % 1.0);
        return Color.getHSBColor(hue, 0.65f, 0.8f);
    }

    /** The colour of category {@code i} with the given opacity (0–255). */
    static Color colour(int i, int alpha) {
        Color c = colour(i);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
