package org.paraml.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** The look shared by the report's charts: white backgrounds, light grid lines, readable fonts. */
final class ChartStyle {
    /** The family of every font; Java maps the logical "SansSerif" onto an installed font. */
    static final String FONT = Font.SANS_SERIF;
    static final Font TITLE = new Font(FONT, Font.BOLD, 18);
    static final Font SUBTITLE = new Font(FONT, Font.PLAIN, 13);
    static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 14);
    static final Font TICK_LABEL = new Font(FONT, Font.PLAIN, 12);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    private ChartStyle() {
    }

    /** A chart without JFreeChart's own legend, titled, with an optional subtitle, on white. */
    static JFreeChart chart(String title, String subtitle, Plot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (subtitle != null && !subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        }
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(new BasicStroke(1f));
            xy.setRangeGridlineStroke(new BasicStroke(1f));
            styleAxis(xy.getDomainAxis());
            styleAxis(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(GRID);
            cat.setRangeGridlineStroke(new BasicStroke(1f));
            styleAxis(cat.getDomainAxis());
            styleAxis(cat.getRangeAxis());
        }
        return chart;
    }

    private static void styleAxis(org.jfree.chart.axis.Axis axis) {
        if (axis != null) {
            axis.setLabelFont(AXIS_LABEL);
            axis.setTickLabelFont(TICK_LABEL);
        }
    }
}
