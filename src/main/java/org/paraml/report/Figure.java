package org.paraml.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * A chart drawn as a PNG image, with the file name it gets in the report and the words that go with it.
 *
 * @param file    its file name in the report's folder, e.g. "search-1.png"
 * @param alt     the text that stands for it (the {@code alt} of its {@code <img>})
 * @param caption what it shows, in a sentence or two
 */
record Figure(String file, int width, int height, String alt, String caption, byte[] png) {
    Figure {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(png, "png");
    }

    /**
     * Draws {@code chart} at {@code width × height} pixels. Needs no display: call
     * {@link ReportWriter#headless()} before the first chart is made.
     */
    static Figure draw(JFreeChart chart, String file, int width, int height, String alt, String caption) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(bytes, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
        }
        return new Figure(file, width, height, alt, caption, bytes.toByteArray());
    }
}
