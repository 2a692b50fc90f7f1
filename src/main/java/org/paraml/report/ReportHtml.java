package org.paraml.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's {@code index.html}: every step with its numbers, and the figures as {@code <img>}
 * elements of files beside it. Self-contained: its only style sheet is inline, it has no script and
 * links nothing outside its folder, so it reads the same from {@code file://} or any web server.
 */
final class ReportHtml {
    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;max-width:1000px;margin:1.5em auto;\
            padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;margin-bottom:.2em}
            h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.6em 0}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right;vertical-align:top}
            th{background:#f3f3f3}
            .l{text-align:left}
            .t{white-space:nowrap}
            tr.best td{font-weight:bold;background:#fff4d6}
            figure{margin:1em 0}
            img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.9em}
            code{background:#f3f3f3;padding:0 .2em}
            .muted{color:#666}
            """;

    private final StringBuilder html = new StringBuilder();
    private final Map<Figure, String> shownIn = new IdentityHashMap<>();
    private String stepTitle;

    private ReportHtml() {
    }

    /**
     * The page for {@code report}, whose {@code i}-th step is illustrated by {@code figures.get(i)}
     * (null for none; a figure shown by an earlier step is referred to, not repeated).
     */
    static String render(TutorialReport report, List<Figure> figures, Instant written) {
        List<ReportStep> steps = report.steps();
        if (figures.size() != steps.size()) {
            throw new IllegalArgumentException(steps.size() + " steps but " + figures.size() + " figures");
        }
        ReportHtml page = new ReportHtml();
        page.head(report, written);
        page.summary(steps);
        for (int i = 0; i < steps.size(); i++) {
            page.step(steps.get(i), figures.get(i));
        }
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    private void head(TutorialReport report, Instant written) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>ParaML tutorial report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body>\n<h1>ParaML tutorial report</h1>\n")
                .append("<p class=\"muted\">The Dask-ML tutorial on the JVM: backend <code>").append(escape(report.backend()))
                .append("</code>, ").append(report.cores()).append(report.cores() == 1 ? " core" : " cores")
                .append("; written ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                        .format(written.atOffset(ZoneOffset.UTC)))
                .append(".</p>\n");
    }

    private void summary(List<ReportStep> steps) {
        if (steps.isEmpty()) {
            html.append("<p>No step ran.</p>\n");
            return;
        }
        html.append("<h2>Summary</h2>\n<table>\n<tr><th class=\"l\">step</th><th class=\"l\">result</th>"
                + "<th>time</th></tr>\n");
        for (ReportStep s : steps) {
            String result;
            String time;
            if (s instanceof ReportStep.Data d) {
                result = "X: " + d.rows() + " × " + d.cols();
                time = "";
            } else if (s instanceof ReportStep.Svc v) {
                result = "n_support = " + Arrays.toString(v.nSupport()) + ", accuracy " + fixed(v.accuracy(), 4);
                time = seconds(v.fitSeconds());
            } else if (s instanceof ReportStep.Search r) {
                result = "best_params_ = " + r.scores().bestParams() + ", best_score_ = " + fixed(r.scores().bestScore(), 4);
                time = seconds(r.seconds());
            } else {
                ReportStep.KMeans k = (ReportStep.KMeans) s;
                result = "inertia_ = " + String.format(Locale.ROOT, "%.6g", k.inertia()) + ", n_iter_ = " + k.nIter();
                time = seconds(k.fitSeconds());
            }
            html.append("<tr><td class=\"l\">").append(escape(s.title())).append("</td><td class=\"l\">")
                    .append(escape(result)).append("</td><td class=\"t\">").append(time).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void step(ReportStep s, Figure figure) {
        stepTitle = s.title();
        html.append("<h2>").append(escape(s.title())).append("</h2>\n");
        if (s instanceof ReportStep.Data d) {
            html.append("<p>X: ").append(d.rows()).append(" × ").append(d.cols()).append(" float64; y: ")
                    .append(d.rows()).append(" labels; rows per class: ").append(Arrays.toString(d.classCounts()))
                    .append(".</p>\n");
        } else if (s instanceof ReportStep.Svc v) {
            html.append("<table>\n<tr><th class=\"l\">n_support_</th><th>accuracy (training data)</th><th>fit time</th>"
                    + "</tr>\n<tr><td class=\"l\">").append(Arrays.toString(v.nSupport())).append("</td><td>")
                    .append(fixed(v.accuracy(), 4)).append("</td><td>").append(seconds(v.fitSeconds()))
                    .append("</td></tr>\n</table>\n");
        } else if (s instanceof ReportStep.Search r) {
            search(r, figure);
        } else {
            kmeans((ReportStep.KMeans) s, figure);
        }
    }

    private void search(ReportStep.Search r, Figure figure) {
        SearchScores scores = r.scores();
        html.append("<p>Wall time ").append(seconds(r.seconds())).append("; <code>best_params_</code> = ")
                .append(escape(String.valueOf(scores.bestParams()))).append(", <code>best_score_</code> = ")
                .append(fixed(scores.bestScore(), 4)).append(".</p>\n");
        if (shownIn.containsKey(figure)) {
            figure(figure); // the same scores as an earlier search: refer to its chart and table
            return;
        }
        figure(figure);
        List<String> names = scores.paramNames();
        html.append("<table>\n<tr>");
        for (String n : names) {
            html.append("<th class=\"l\">").append(escape(n)).append("</th>");
        }
        html.append("<th>mean test score</th><th>std</th></tr>\n");
        double[] mean = scores.mean();
        double[] std = scores.std();
        for (int c = 0; c < scores.size(); c++) {
            html.append(c == scores.bestIndex() ? "<tr class=\"best\">" : "<tr>");
            for (String n : names) {
                Object v = scores.params().get(c).get(n);
                html.append("<td class=\"l\">").append(v == null ? "" : escape(String.valueOf(v))).append("</td>");
            }
            html.append("<td>").append(fixed(mean[c], 4)).append("</td><td>").append(fixed(std[c], 4))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private void kmeans(ReportStep.KMeans k, Figure figure) {
        html.append(String.format(Locale.ROOT, "<p>%,d rows in %d blocks, %d features; %d clusters. "
                        + "<code>inertia_</code> = %.6g, <code>n_iter_</code> = %d; fitted in %s.</p>%n",
                k.rows(), k.blocks(), k.centres().cols(), k.centres().rows(), k.inertia(), k.nIter(),
                seconds(k.fitSeconds())));
        figure(figure);
    }

    private void figure(Figure figure) {
        if (figure == null) {
            return;
        }
        String earlier = shownIn.get(figure);
        if (earlier != null) {
            html.append("<p class=\"muted\">The same candidates and scores as in “").append(escape(earlier))
                    .append("”: see the chart and the table there.</p>\n");
            return;
        }
        shownIn.put(figure, stepTitle);
        html.append("<figure>\n<img src=\"").append(escape(figure.file())).append("\" width=\"").append(figure.width())
                .append("\" height=\"").append(figure.height()).append("\" alt=\"").append(escape(figure.alt()))
                .append("\">\n<figcaption>").append(escape(figure.caption())).append("</figcaption>\n</figure>\n");
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** {@code s} with the characters that HTML gives a meaning to replaced by their references. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
