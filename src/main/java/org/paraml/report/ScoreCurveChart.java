package org.paraml.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The scores of a search over one numeric parameter as a curve: the mean test score against the
 * parameter (on a log axis when every value is positive, as C and gamma usually are), a band of one
 * standard deviation over the folds around it, and the best candidate marked. Failed candidates (NaN)
 * are left out of the curve.
 */
final class ScoreCurveChart {
    static final Color LINE = new Color(0x1F5FAF);
    static final Color BAND = new Color(0x1F, 0x5F, 0xAF, 0x40);
    static final Color BEST = new Color(0xD6, 0x27, 0x28);

    private ScoreCurveChart() {
    }

    /**
     * The curve of {@code scores} against {@code param}, whose values must all be numbers.
     *
     * @throws IllegalArgumentException if a candidate's {@code param} is not a number
     */
    static JFreeChart chart(String title, SearchScores scores, String param) {
        if (!scores.isNumeric(param)) {
            throw new IllegalArgumentException("a score curve needs numeric values of " + param);
        }
        double[] mean = scores.mean();
        double[] std = scores.std();
        YIntervalSeries band = new YIntervalSeries("mean ± std over the folds");
        boolean positive = true;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < scores.size(); c++) {
            double v = ((Number) scores.params().get(c).get(param)).doubleValue();
            positive &= v > 0;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (Double.isFinite(mean[c])) {
                double s = Double.isFinite(std[c]) ? std[c] : 0;
                band.add(v, mean[c], mean[c] - s, mean[c] + s);
            }
        }
        YIntervalSeriesCollection curve = new YIntervalSeriesCollection();
        curve.addSeries(band);
        XYSeries bestSeries = new XYSeries("best");
        bestSeries.add(((Number) scores.bestParams().get(param)).doubleValue(), scores.bestScore());

        ValueAxis x;
        if (positive) {
            LogAxis log = new LogAxis(param + " (log scale)");
            log.setBase(10);
            log.setNumberFormatOverride(new DecimalFormat("0.#####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            log.setSmallestValue(1e-300);
            if (max / min >= 100) {
                log.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten: 0.001, 0.01, 0.1, 1, 10
            }
            x = log;
        } else {
            x = new NumberAxis(param);
        }
        NumberAxis y = new NumberAxis("mean test score");
        y.setAutoRangeIncludesZero(false);

        DeviationRenderer line = new DeviationRenderer(true, true);
        line.setSeriesPaint(0, LINE);
        line.setSeriesFillPaint(0, BAND);
        line.setAlpha(1f);
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        line.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot plot = new XYPlot(curve, x, y, line);

        XYLineAndShapeRenderer mark = new XYLineAndShapeRenderer(false, true);
        mark.setSeriesPaint(0, BEST);
        mark.setSeriesShape(0, diamond(9));
        plot.setDataset(1, new XYSeriesCollection(bestSeries));
        plot.setRenderer(1, mark);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        JFreeChart chart = ChartStyle.chart(title, String.format(Locale.ROOT, "best: %s = %s, mean test score %.4f",
                param, scores.bestParams().get(param), scores.bestScore()), plot);
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem("mean test score", null, null, null, new Ellipse2D.Double(-4, -4, 8, 8), LINE));
        items.add(new LegendItem("± one standard deviation over the folds", null, null, null,
                new java.awt.Rectangle(-6, -4, 12, 8), BAND));
        items.add(new LegendItem("best", null, null, null, diamond(6), BEST));
        plot.setFixedLegendItems(items);
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(ChartStyle.TICK_LABEL);
        chart.addSubtitle(legend);
        return chart;
    }

    /** A diamond of half-diagonal {@code r} centred on the origin. */
    static Path2D diamond(double r) {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(0, -r);
        d.lineTo(r, 0);
        d.lineTo(0, r);
        d.lineTo(-r, 0);
        d.closePath();
        return d;
    }
}
