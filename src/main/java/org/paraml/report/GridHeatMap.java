package org.paraml.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of the scores of a search over two parameters: one row per value of the one, one column
 * per value of the other, each cell coloured by the candidate's mean test score with the score printed
 * in it, the best cell framed, and a colour scale beside it. Cells of candidates whose fits failed are
 * grey and read "failed"; combinations that no candidate has stay empty.
 */
final class GridHeatMap {
    private GridHeatMap() {
    }

    /**
     * The heat map of {@code scores}, whose candidates must have exactly two parameters: rows are the
     * values of the numeric one (the first, if both or neither are numeric), columns the other's.
     *
     * @throws IllegalArgumentException unless the candidates have exactly two parameters
     */
    static JFreeChart chart(String title, SearchScores scores) {
        List<String> names = scores.paramNames();
        if (names.size() != 2) {
            throw new IllegalArgumentException("a heat map needs candidates of two parameters, got " + names);
        }
        boolean secondOnRows = !scores.isNumeric(names.get(0)) && scores.isNumeric(names.get(1));
        return secondOnRows ? chart(title, scores, names.get(1), names.get(0)) : chart(title, scores, names.get(0),
                names.get(1));
    }

    /** The heat map with the values of {@code rowParam} on its rows and of {@code columnParam} on its columns. */
    static JFreeChart chart(String title, SearchScores scores, String rowParam, String columnParam) {
        List<Object> rows = scores.values(rowParam);
        List<Object> columns = scores.values(columnParam);
        double[] mean = scores.mean();
        double[][] xyz = new double[3][scores.size()];
        int cells = 0;
        int best = -1;
        for (int c = 0; c < scores.size(); c++) {
            Map<String, Object> p = scores.params().get(c);
            int row = rows.indexOf(p.get(rowParam));
            int column = columns.indexOf(p.get(columnParam));
            if (row < 0 || column < 0) {
                continue; // a candidate without one of the two parameters has no cell
            }
            xyz[0][cells] = column;
            xyz[1][cells] = row;
            xyz[2][cells] = mean[c];
            if (c == scores.bestIndex()) {
                best = cells;
            }
            cells++;
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("mean test score", new double[][] {java.util.Arrays.copyOf(xyz[0], cells),
                java.util.Arrays.copyOf(xyz[1], cells), java.util.Arrays.copyOf(xyz[2], cells)});

        ViridisScale scale = ViridisScale.spanning(mean);
        SymbolAxis x = new SymbolAxis(columnParam, labels(columns));
        SymbolAxis y = new SymbolAxis(rowParam, labels(rows));
        for (SymbolAxis a : new SymbolAxis[] {x, y}) {
            a.setGridBandsVisible(false);
            a.setLowerMargin(0);
            a.setUpperMargin(0);
        }
        y.setInverted(true); // the first row on top, as in a table
        CellRenderer renderer = new CellRenderer(scale, dataset);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlineVisible(false);
        if (best >= 0) {
            Rectangle2D frame = new Rectangle2D.Double(xyz[0][best] - 0.48, xyz[1][best] - 0.48, 0.96, 0.96);
            plot.addAnnotation(new XYShapeAnnotation(frame, new BasicStroke(5f), Color.RED));
        }

        JFreeChart chart = ChartStyle.chart(title, String.format(Locale.ROOT, "best (framed): %s, mean test score %.4f",
                scores.bestParams(), scores.bestScore()), plot);
        NumberAxis scaleAxis = new NumberAxis("mean test score");
        scaleAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
        scaleAxis.setLabelFont(ChartStyle.AXIS_LABEL);
        scaleAxis.setTickLabelFont(ChartStyle.TICK_LABEL);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setStripWidth(18);
        legend.setSubdivisionCount(128);
        legend.setMargin(new RectangleInsets(10, 12, 10, 10));
        chart.addSubtitle(legend);
        return chart;
    }

    private static String[] labels(List<Object> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    /** Blocks of 1 × 1 centred on (column, row), each labelled with its score in a colour that reads on it. */
    private static final class CellRenderer extends XYBlockRenderer {
        private static final long serialVersionUID = 1L;
        private final transient ViridisScale scale;
        private final transient DefaultXYZDataset dataset;

        CellRenderer(ViridisScale scale, DefaultXYZDataset dataset) {
            this.scale = scale;
            this.dataset = dataset;
            setPaintScale(scale);
            setBlockWidth(1);
            setBlockHeight(1);
            setBlockAnchor(RectangleAnchor.CENTER);
            setDefaultItemLabelsVisible(true);
            setDefaultItemLabelFont(new Font(ChartStyle.FONT, Font.BOLD, 18));
            setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.CENTER, TextAnchor.CENTER));
            setDefaultItemLabelGenerator((d, series, item) -> {
                double z = dataset.getZValue(series, item);
                return Double.isNaN(z) ? "failed" : String.format(Locale.ROOT, "%.4f", z);
            });
        }

        @Override
        public Paint getItemLabelPaint(int series, int item) {
            return ViridisScale.textOn(scale.colour(dataset.getZValue(series, item)));
        }
    }
}
