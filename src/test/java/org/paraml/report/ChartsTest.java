package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.Title;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

class ChartsTest {
    @BeforeAll
    static void headless() {
        ReportWriter.headless();
    }

    @Test
    void heatMapHasCValuesOnRowsKernelsOnColumnsAndAScoreInEachCell() {
        JFreeChart chart = SearchChart.of("t", Fabricated.tutorialGrid());
        XYPlot plot = chart.getXYPlot();
        SymbolAxis rows = (SymbolAxis) plot.getRangeAxis();
        SymbolAxis columns = (SymbolAxis) plot.getDomainAxis();
        assertEquals("C", rows.getLabel());
        assertArrayEquals(new String[] {"0.001", "10.0"}, rows.getSymbols());
        assertEquals("kernel", columns.getLabel());
        assertArrayEquals(new String[] {"rbf", "poly"}, columns.getSymbols());
        XYZDataset cells = (XYZDataset) plot.getDataset();
        assertEquals(4, cells.getItemCount(0));
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            labels.add(plot.getRenderer().getItemLabelGenerator(0, i).generateLabel(cells, 0, i));
        }
        assertEquals(List.of("0.5000", "0.8713", "0.9050", "0.9022"), labels);
        assertTrue(chart.getSubtitles().stream().anyMatch(t -> t instanceof PaintScaleLegend), "a colour scale");
        assertEquals(1, plot.getAnnotations().size(), "the best cell is framed");
        // the dark cell's label is white, the bright ones' black
        assertEquals(Color.WHITE, plot.getRenderer().getItemLabelPaint(0, 0));
        assertEquals(Color.BLACK, plot.getRenderer().getItemLabelPaint(0, 2));
    }

    @Test
    void heatMapPutsTheNumericParameterOnRowsWhicheverComesFirst() {
        SearchScores s = new SearchScores(List.of(Map.of("kernel", "rbf", "gamma", 0.1), Map.of("kernel", "rbf", "gamma", 1),
                Map.of("kernel", "poly", "gamma", 0.1)), new double[] {0.1, 0.2, Double.NaN}, new double[3]);
        XYPlot plot = GridHeatMap.chart("t", s).getXYPlot();
        assertEquals("gamma", plot.getRangeAxis().getLabel());
        XYZDataset cells = (XYZDataset) plot.getDataset();
        assertEquals("failed", plot.getRenderer().getItemLabelGenerator(0, 2).generateLabel(cells, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> GridHeatMap.chart("t", Fabricated.largerGrid()));
    }

    @Test
    void oneNumericParameterIsACurveOnALogAxis() {
        XYPlot plot = SearchChart.of("t", Fabricated.largerGrid()).getXYPlot();
        assertInstanceOf(LogAxis.class, plot.getDomainAxis());
        assertEquals(6, plot.getDataset(0).getItemCount(0));
        assertEquals(10.0, plot.getDataset(1).getXValue(0, 0), "the best point");
        assertEquals(3, plot.getFixedLegendItems().getItemCount());
    }

    @Test
    void aParameterWithZeroIsOnALinearAxis() {
        SearchScores s = new SearchScores(List.of(Map.of("alpha", 0), Map.of("alpha", 1)), new double[] {0.1, 0.2},
                new double[2]);
        assertInstanceOf(NumberAxis.class, SearchChart.of("t", s).getXYPlot().getDomainAxis()); // LogAxis is not one
    }

    @Test
    void wordsAndManyParametersAreBars() {
        SearchScores kernels = new SearchScores(List.of(Map.of("kernel", "rbf"), Map.of("kernel", "poly")),
                new double[] {0.9, 0.8}, new double[] {0.01, 0.02});
        CategoryPlot plot = SearchChart.of("t", kernels).getCategoryPlot();
        assertEquals(List.of("rbf", "poly"), plot.getDataset().getColumnKeys());
        SearchScores three = new SearchScores(List.of(Map.of("a", 1, "b", 2, "c", "x"), Map.of("a", 2, "b", 2, "c", "y")),
                new double[] {0.9, Double.NaN}, new double[2]);
        assertEquals(List.of("a=1, b=2, c=x", "a=2, b=2, c=y (failed)"),
                SearchChart.of("t", three).getCategoryPlot().getDataset().getColumnKeys());
    }

    @Test
    void scatterHasAPointPerSampleRowAndADiamondPerCentre() {
        Matrix centres = Matrix.of(new double[][] {{0, 0, 0}, {10, 0, 0}, {0, 10, 1}});
        Matrix sample = Matrix.of(new double[][] {{0, 1, 0}, {1, 0, 0}, {10, 1, 0}, {9, 0, 0}, {0, 9, 1}, {1, 10, 1}});
        int[] labels = {0, 0, 1, 1, 2, 2};
        PrincipalComponents pca = PrincipalComponents.fit(sample, 2);
        JFreeChart chart = ClusterScatterChart.chart("t", sample, labels, centres, pca);
        XYPlot plot = chart.getXYPlot();
        assertEquals(3, plot.getDataset(0).getSeriesCount());
        int points = 0;
        for (int c = 0; c < 3; c++) {
            points += plot.getDataset(0).getItemCount(c);
            assertEquals(1, plot.getDataset(1).getItemCount(c));
        }
        assertEquals(6, points);
        assertEquals(4, plot.getFixedLegendItems().getItemCount(), "three clusters and the centre symbol");
        assertTrue(plot.getDomainAxis().getLabel().startsWith("principal component 1 ("), plot.getDomainAxis().getLabel());
        assertThrows(IllegalArgumentException.class,
                () -> ClusterScatterChart.chart("t", sample, new int[] {0, 0, 1, 1, 2, 3}, centres, pca));
        List<Title> subtitles = chart.getSubtitles();
        assertTrue(subtitles.size() >= 2, "subtitle and legend");
    }

    @Test
    void colourScaleRunsDarkToBrightAndGreysMissingValues() {
        ViridisScale s = ViridisScale.spanning(new double[] {0.5, Double.NaN, 0.9});
        assertEquals(0.5, s.getLowerBound());
        assertEquals(0.9, s.getUpperBound());
        assertEquals(new Color(0x440154), s.getPaint(0.5));
        assertEquals(new Color(0xFDE725), s.getPaint(0.9));
        assertEquals(new Color(0xFDE725), s.getPaint(2.0), "clamped");
        assertEquals(ViridisScale.MISSING, s.getPaint(Double.NaN));
        assertTrue(ViridisScale.spanning(new double[] {0.7, 0.7}).getUpperBound() > 0.7);
        assertEquals(0, ViridisScale.spanning(new double[] {Double.NaN}).getLowerBound());
        assertEquals(Color.WHITE, ViridisScale.textOn(new Color(0x440154)));
        assertEquals(Color.BLACK, ViridisScale.textOn(new Color(0xFDE725)));
    }
}
