package org.paraml.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.paraml.linalg.Matrix;

/**
 * KMeans in two dimensions: a sample of the rows, each coloured by its cluster, and the cluster
 * centres as large diamonds outlined in black, all projected on the first two principal components of
 * the sample ({@link PrincipalComponents}).
 */
final class ClusterScatterChart {
    private static final double POINT = 5;
    private static final double CENTRE = 11;

    private ClusterScatterChart() {
    }

    /**
     * The scatter of {@code sample} (its rows coloured by {@code labels}) and {@code centres}, projected
     * by {@code pca} (fitted on at least two features, with at least two components).
     *
     * @param labels the cluster of each sample row, in {@code [0, centres.rows())}
     * @throws IllegalArgumentException if the lengths or the features disagree, or a label is out of range
     */
    static JFreeChart chart(String title, Matrix sample, int[] labels, Matrix centres, PrincipalComponents pca) {
        if (labels.length != sample.rows()) {
            throw new IllegalArgumentException("the sample has " + sample.rows() + " rows but " + labels.length
                    + " labels");
        }
        if (pca.size() < 2) {
            throw new IllegalArgumentException("a scatter needs two principal components, got " + pca.size());
        }
        int k = centres.rows();
        Matrix points = pca.project(sample);
        Matrix centreXy = pca.project(centres);
        XYSeriesCollection clusters = new XYSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        for (int c = 0; c < k; c++) {
            clusters.addSeries(new XYSeries("cluster " + c, false, true));
            XYSeries centre = new XYSeries("centre " + c, false, true);
            centre.add(centreXy.get(c, 0), centreXy.get(c, 1));
            marks.addSeries(centre);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is not a cluster of "
                        + k);
            }
            clusters.getSeries(labels[i]).add(points.get(i, 0), points.get(i, 1));
        }

        Shape dot = new Ellipse2D.Double(-POINT / 2, -POINT / 2, POINT, POINT);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        XYLineAndShapeRenderer big = new XYLineAndShapeRenderer(false, true);
        big.setUseOutlinePaint(true);
        big.setDrawOutlines(true);
        big.setUseFillPaint(true);
        big.setDefaultOutlinePaint(Color.BLACK);
        big.setDefaultOutlineStroke(new BasicStroke(2f));
        for (int c = 0; c < k; c++) {
            dots.setSeriesPaint(c, Palette.colour(c, 150));
            dots.setSeriesShape(c, dot);
            big.setSeriesFillPaint(c, Palette.colour(c));
            big.setSeriesShape(c, ScoreCurveChart.diamond(CENTRE));
        }
        NumberAxis x = new NumberAxis(axisLabel(pca, 0));
        NumberAxis y = new NumberAxis(axisLabel(pca, 1));
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(clusters, x, y, dots);
        plot.setDataset(1, marks);
        plot.setRenderer(1, big);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // centres drawn over the points

        JFreeChart chart = ChartStyle.chart(title, String.format(Locale.ROOT,
                "%,d sampled rows coloured by cluster; the %d centres as diamonds", sample.rows(), k), plot);
        LegendItemCollection items = new LegendItemCollection();
        for (int c = 0; c < k; c++) {
            items.add(new LegendItem("cluster " + c, null, null, null, new Ellipse2D.Double(-4, -4, 8, 8),
                    Palette.colour(c)));
        }
        items.add(new LegendItem("centre", null, null, null, ScoreCurveChart.diamond(7), Color.WHITE,
                new BasicStroke(2f), Color.BLACK));
        plot.setFixedLegendItems(items);
        LegendTitle legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setItemFont(ChartStyle.TICK_LABEL);
        chart.addSubtitle(legend);
        return chart;
    }

    private static String axisLabel(PrincipalComponents pca, int c) {
        return String.format(Locale.ROOT, "principal component %d (%.1f%% of the variance)", c + 1,
                100 * pca.explainedVarianceRatio(c));
    }
}
