package org.paraml.report;

import java.util.List;
import org.jfree.chart.JFreeChart;

/** Picks the chart that shows a search's scores best for the number and kind of its parameters. */
final class SearchChart {
    private SearchChart() {
    }

    /**
     * A {@link ScoreCurveChart} for one numeric parameter, a {@link GridHeatMap} for two, a
     * {@link ScoreBarChart} otherwise (one parameter of words, or three and more).
     */
    static JFreeChart of(String title, SearchScores scores) {
        List<String> names = scores.paramNames();
        if (names.size() == 1 && scores.isNumeric(names.get(0))) {
            return ScoreCurveChart.chart(title, scores, names.get(0));
        }
        if (names.size() == 2) {
            return GridHeatMap.chart(title, scores);
        }
        return ScoreBarChart.chart(title, scores);
    }
}
