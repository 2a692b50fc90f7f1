package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.linalg.Matrix;

class ReportWriterTest {
    private static TutorialReport report;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fabricate() {
        report = Fabricated.report();
    }

    @Test
    void writesThePageAndOneImagePerChart() throws IOException {
        Path dir = tmp.resolve("a/report");
        Path index = ReportWriter.write(report, dir);
        assertEquals(dir.resolve("index.html"), index);
        assertEquals(List.of("index.html", "kmeans-1.png", "search-1.png", "search-2.png"), names(dir),
                "the two identical grid searches share one chart; no temporary file is left");
        assertSize(dir.resolve("search-1.png"), 800, 520);
        assertSize(dir.resolve("search-2.png"), 800, 480);
        assertSize(dir.resolve("kmeans-1.png"), 900, 680);
    }

    @Test
    void thePageHoldsEveryStepsNumbersAndNothingFromOutside() throws IOException {
        String html = Files.readString(ReportWriter.write(report, tmp));
        for (String s : new String[] {"<!DOCTYPE html>", "X: 10000 × 4 float64", "[5003, 4997]", "[1316, 1312]", "0.9050",
            "1.23 s", "12.50 s", "7.10 s", "30.20 s", "{C=10.0, kernel=rbf}", "{C=10.0}", "<code>inertia_</code>",
            "<code>n_iter_</code>", "3,000 rows in 3 blocks, 20 features; 12 clusters", "2,000 of the 3,000 rows",
            "<img src=\"search-1.png\" width=\"800\" height=\"520\"", "<img src=\"kmeans-1.png\"",
            "Step 5. GridSearchCV &lt;all cores&gt; &amp; &quot;threads&quot;",
            "The same candidates and scores as in “Step 4. GridSearchCV, serial”"}) {
            assertTrue(html.contains(s), s + " in\n" + html);
        }
        assertEquals(3, html.split("<img ", -1).length - 1, "three images");
        for (String outside : new String[] {"<script", "<link", "http:", "https:", "url(", "@import"}) {
            assertFalse(html.contains(outside), outside);
        }
    }

    @Test
    void aFailingChartWritesNothingAndKeepsTheOldReport() throws IOException {
        Path index = ReportWriter.write(report, tmp);
        String before = Files.readString(index);
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        TutorialReport bad = new TutorialReport("scalar", 1).add(new ReportStep.KMeans("Step 7", 3, 1, 1, 1, 0.1,
                Matrix.of(new double[][] {{0, 0}, {1, 1}}), Matrix.of(new double[][] {{0, 0}, {1, 1}, {2, 2}}),
                new int[] {0, 1, 5}));
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(bad, tmp));
        assertEquals(before, Files.readString(index));
        assertEquals(List.of("index.html", "kmeans-1.png", "notes.txt", "search-1.png", "search-2.png"), names(tmp));

        Path fresh = tmp.resolve("fresh");
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(bad, fresh));
        assertFalse(Files.exists(fresh), "nothing is created when a chart fails");
    }

    @Test
    void aReportWithoutChartsIsJustThePage() throws IOException {
        TutorialReport small = new TutorialReport("scalar", 1)
                .add(new ReportStep.Data("Step 1", 10, 2, new int[] {5, 5}))
                .add(new ReportStep.KMeans("Step 7", 10, 1, 2.5, 3, 0.1, Matrix.of(new double[][] {{0, 0}}), null, null));
        String html = Files.readString(ReportWriter.write(small, tmp));
        assertEquals(List.of("index.html"), names(tmp));
        assertTrue(html.contains("inertia_</code> = 2.50000"), html);
        assertFalse(html.contains("<img"));
        assertTrue(Files.readString(ReportWriter.write(new TutorialReport("scalar", 1), tmp)).contains("No step ran."));
    }

    @Test
    void atomicWriteLeavesNoTemporaryFileWhenItFails() throws IOException {
        Path file = tmp.resolve("x.bin");
        AtomicWrite.write(file, new byte[] {1, 2, 3});
        AtomicWrite.write(file, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(file));
        Files.createDirectory(tmp.resolve("dir.png"));
        Files.writeString(tmp.resolve("dir.png/inside"), "x");
        assertThrows(IOException.class, () -> AtomicWrite.write(tmp.resolve("dir.png"), new byte[] {1}));
        assertThrows(IOException.class, () -> AtomicWrite.write(tmp.resolve("missing/x.bin"), new byte[] {1}));
        assertEquals(List.of("dir.png", "x.bin"), names(tmp));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSize(Path png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth(), png.toString());
        assertEquals(height, image.getHeight(), png.toString());
    }
}
