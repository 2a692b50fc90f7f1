package org.paraml.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Writes a {@link TutorialReport} as a folder: {@code index.html} and one PNG file per chart
 * ({@code search-N.png}, {@code kmeans-N.png}). Only PNG: JFreeChart writes SVG only through a further
 * library (JFreeSVG), which the report does without.
 *
 * <p>Every chart is drawn in memory before anything is written; then each image is written whole
 * (temporary file and rename) and {@code index.html} last, the same way. So a failure leaves no file
 * half-written, and a folder whose {@code index.html} is new has all of its images. Other files in the
 * folder are left alone.
 */
public final class ReportWriter {
    /** The report's page, in the folder it is written to. */
    public static final String INDEX = "index.html";

    private ReportWriter() {
    }

    /**
     * Writes {@code report} into {@code dir} (created if missing; files of the same names replaced) and
     * returns the path of its {@code index.html}.
     */
    public static Path write(TutorialReport report, Path dir) throws IOException {
        headless();
        List<Figure> figures = figures(report.steps());
        String html = ReportHtml.render(report, figures, Instant.now());
        Files.createDirectories(dir);
        List<Figure> written = new ArrayList<>();
        for (Figure f : figures) {
            if (f != null && written.stream().noneMatch(w -> w == f)) {
                AtomicWrite.write(dir.resolve(f.file()), f.png());
                written.add(f);
            }
        }
        Path index = dir.resolve(INDEX);
        AtomicWrite.write(index, html.getBytes(StandardCharsets.UTF_8));
        return index;
    }

    /**
     * Makes AWT headless unless the JVM was told otherwise, so that charts are drawn without a display.
     * Takes effect only before AWT's graphics environment is first used in this JVM.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The figure of each step (null for none); searches with the same scores share one. */
    static List<Figure> figures(List<ReportStep> steps) {
        List<Figure> out = new ArrayList<>();
        Map<SearchScores, Figure> searches = new HashMap<>();
        int kmeans = 0;
        for (ReportStep s : steps) {
            Figure f = null;
            if (s instanceof ReportStep.Search r) {
                f = searches.get(r.scores());
                if (f == null) {
                    f = searchFigure(r, searches.size() + 1);
                    searches.put(r.scores(), f);
                }
            } else if (s instanceof ReportStep.KMeans k && k.sample() != null && k.sample().rows() >= 2) {
                f = kmeansFigure(k, ++kmeans);
            }
            out.add(f);
        }
        return out;
    }

    private static Figure searchFigure(ReportStep.Search r, int n) {
        SearchScores scores = r.scores();
        List<String> names = scores.paramNames();
        JFreeChart chart = SearchChart.of("Mean test score of each candidate", scores);
        String caption;
        if (names.size() == 2) {
            caption = "Each cell is a candidate: its colour and number are its mean test score over the folds; "
                    + "the red frame marks the best.";
        } else if (names.size() == 1 && scores.isNumeric(names.get(0))) {
            caption = "The mean test score over the folds against " + names.get(0)
                    + ", with a band of one standard deviation; the red diamond marks the best.";
        } else {
            caption = "Each bar is a candidate's mean test score over the folds, with one standard deviation; "
                    + "the red bar is the best.";
        }
        return Figure.draw(chart, "search-" + n + ".png", 800, names.size() == 2 ? 520 : 480,
                "Mean test scores of " + scores.size() + " candidates over " + String.join(" and ", names), caption);
    }

    private static Figure kmeansFigure(ReportStep.KMeans k, int n) {
        PrincipalComponents pca = PrincipalComponents.fit(k.sample(), 2);
        JFreeChart chart = ClusterScatterChart.chart("KMeans clusters on the first two principal components",
                k.sample(), k.sampleLabels(), k.centres(), pca);
        String caption = String.format(Locale.ROOT, "%,d of the %,d rows, taken evenly over the blocks, and the %d "
                        + "cluster centres, projected on the first two principal components of the sample (together "
                        + "%.1f%% of its variance); each row is coloured by the cluster KMeans gives it.",
                k.sample().rows(), k.rows(), k.centres().rows(),
                100 * (pca.explainedVarianceRatio(0) + pca.explainedVarianceRatio(1)));
        return Figure.draw(chart, "kmeans-" + n + ".png", 900, 680, "KMeans centres and a sample of the rows, "
                + "coloured by cluster, on two principal components", caption);
    }
}
