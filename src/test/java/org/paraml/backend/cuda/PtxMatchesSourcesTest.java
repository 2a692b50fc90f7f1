package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX is what {@code native/Makefile} builds from the committed sources: rebuilt into
 * a temporary folder and compared line by line, comment lines (compiler build information) left
 * out. Skipped (an assumption, not a pass) when nvcc or make is not on the PATH, or when the nvcc
 * there is another release than the one that wrote the committed PTX (another release writes other
 * code, and another PTX ISA).
 */
class PtxMatchesSourcesTest {
    private static final Pattern RELEASE = Pattern.compile("release (\\d+\\.\\d+), V([\\d.]+)");

    @TempDir
    Path out;

    @Test
    void theCommittedPtxIsBuiltFromTheSources() throws Exception {
        Path nativeDir = Path.of("native").toAbsolutePath();
        assumeTrue(Files.isRegularFile(nativeDir.resolve("Makefile")), "not run from the project root");
        Optional<Path> nvcc = onPath("nvcc");
        assumeTrue(nvcc.isPresent(), "nvcc is not on the PATH");
        assumeTrue(onPath("make").isPresent(), "make is not on the PATH");
        Path committed = Path.of("src/main/resources/org/paraml/backend/cuda");
        String want = release(Files.readString(committed.resolve("kmeans.ptx"), StandardCharsets.US_ASCII));
        String have = release(run(List.of(nvcc.get().toString(), "--version")));
        assumeTrue(want.equals(have), "the committed PTX was written by nvcc " + want + ", this one is " + have);

        String log = run(List.of("make", "-s", "-B", "-C", nativeDir.toString(), "OUT=" + out, "NVCC=" + nvcc.get()));
        for (String module : Ptx.MODULES) {
            Path built = out.resolve(module + ".ptx");
            assertTrue(Files.exists(built), module + ".ptx was not built: " + log);
            List<String> a = code(committed.resolve(module + ".ptx"));
            List<String> b = code(built);
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                assertEquals(b.get(i), a.get(i), module + ".ptx differs from a fresh build at code line " + (i + 1)
                        + ": run make -C native and commit the PTX");
            }
            assertEquals(b.size(), a.size(), module + ".ptx has another length than a fresh build: run make -C native");
        }
    }

    /** The lines that are not comments. */
    private static List<String> code(Path ptx) throws IOException {
        return Files.readAllLines(ptx, StandardCharsets.US_ASCII).stream()
                .filter(l -> !l.strip().startsWith("//"))
                .toList();
    }

    private static String release(String text) {
        Matcher m = RELEASE.matcher(text);
        return m.find() ? m.group(1) + " (V" + m.group(2) + ")" : "unknown";
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }
}
