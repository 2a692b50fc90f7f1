package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it: opened from {@code file://} in headless Chromium, every image
 * loads, and the page draws. Skipped where {@code /usr/bin/chromium} is missing ({@code apt-get install
 * chromium}). Set {@code -Dparaml.test.screenshotDir=DIR} to keep the screenshot for a look.
 */
@Tag("e2e")
class ReportBrowserTest {
    /** Appended to a copy of the page: after load, lists each image with the size it decoded to. */
    private static final String PROBE = """
            <script>
            window.addEventListener('load', function () {
              var out = document.createElement('pre');
              out.id = 'image-probe';
              document.querySelectorAll('img').forEach(function (img) {
                out.textContent += 'image ' + img.getAttribute('src') + ' ' + img.naturalWidth + 'x'
                    + img.naturalHeight + '\\n';
              });
              document.body.appendChild(out);
            });
            </script>
            """;
    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");
    private static final Pattern LOADED = Pattern.compile("image (\\S+) (\\d+)x(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void everyImageLoadsFromFileUrls() throws Exception {
        assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.EXECUTABLE + " (apt-get install chromium)");
        Path index = ReportWriter.write(Fabricated.report(), tmp.resolve("report"));
        String html = Files.readString(index);
        Map<String, String> expected = new LinkedHashMap<>();
        Matcher img = IMG.matcher(html);
        while (img.find()) {
            expected.put(img.group(1), img.group(2) + "x" + img.group(3));
        }
        assertEquals(3, expected.size(), "two search charts and the KMeans scatter: " + expected);

        Path probe = index.resolveSibling("probe.html");
        Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));
        String dom = HeadlessChromium.run(tmp, "--dump-dom", probe.toUri().toString());
        Map<String, String> loaded = new LinkedHashMap<>();
        Matcher m = LOADED.matcher(dom.substring(Math.max(0, dom.indexOf("<pre id=\"image-probe\">"))));
        while (m.find()) {
            loaded.put(m.group(1), m.group(2) + "x" + m.group(3));
        }
        assertEquals(expected, loaded, "each image decodes at its size (0x0 when it fails to load):\n" + dom);
    }

    @Test
    void screenshotShowsTheDrawnPage() throws Exception {
        assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.EXECUTABLE + " (apt-get install chromium)");
        Path index = ReportWriter.write(Fabricated.report(), tmp.resolve("report"));
        Path shot = tmp.resolve("screenshot.png");
        HeadlessChromium.run(tmp, "--screenshot=" + shot, "--window-size=1200,2000", index.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertTrue(image != null, "not a PNG: " + shot);
        assertEquals(1200, image.getWidth());
        assertEquals(2000, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        // text alone gives greys; the heat map's scale and the charts give hundreds of colours
        assertTrue(colours.size() > 200, colours.size() + " distinct colours: the page looks blank");
        String keep = System.getProperty("paraml.test.screenshotDir");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            Files.copy(shot, Path.of(keep, "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
