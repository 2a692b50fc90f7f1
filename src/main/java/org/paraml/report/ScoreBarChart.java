package org.paraml.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The scores of a search as bars, one per candidate, with an error bar of one standard deviation over
 * the folds and the best candidate's bar in another colour: for a parameter whose values are not
 * numbers, or for more parameters than a heat map shows. Failed candidates (NaN) have no bar, and
 * "(failed)" after their label.
 */
final class ScoreBarChart {
    private ScoreBarChart() {
    }

    /** Bars of {@code scores}, each labelled by its candidate's parameters ("a=1, b=x"; the value alone for one parameter). */
    static JFreeChart chart(String title, SearchScores scores) {
        double[] mean = scores.mean();
        double[] std = scores.std();
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        boolean single = scores.paramNames().size() == 1;
        for (int c = 0; c < scores.size(); c++) {
            String label = label(scores.params().get(c), single) + (Double.isNaN(mean[c]) ? " (failed)" : "");
            if (dataset.getColumnIndex(label) >= 0) {
                label = "#" + c + " " + label; // a repeated candidate keeps its own bar
            }
            Double m = Double.isFinite(mean[c]) ? mean[c] : null; // no bar for a failed candidate
            Double s = Double.isFinite(std[c]) ? std[c] : 0.0;
            dataset.add(m, s, "mean test score", label);
        }
        CategoryAxis x = new CategoryAxis(single ? scores.paramNames().get(0) : "candidate");
        x.setMaximumCategoryLabelLines(scores.paramNames().size() + 1); // "a=1, b=x" wraps after each comma
        if (scores.size() > 6) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis y = new NumberAxis("mean test score");
        y.setAutoRangeIncludesZero(false);
        int best = scores.bestIndex();
        StatisticalBarRenderer bars = new StatisticalBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return column == best ? ScoreCurveChart.BEST : ScoreCurveChart.LINE;
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setErrorIndicatorPaint(Color.BLACK);
        bars.setItemMargin(0);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, bars);
        return ChartStyle.chart(title, String.format(Locale.ROOT, "best (red): %s, mean test score %.4f; "
                + "error bars: one standard deviation over the folds", scores.bestParams(), scores.bestScore()), plot);
    }

    private static String label(Map<String, Object> params, boolean single) {
        if (single) {
            return String.valueOf(params.values().iterator().next());
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
