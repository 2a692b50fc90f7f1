package org.paraml.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) run headless on a page, isolated from the network and
 * from any profile: a new user-data folder each time, no sandbox (tests run as root), no GPU.
 */
final class HeadlessChromium {
    /** Debian's, or the one named by {@code -Dparaml.test.chromium=PATH}. */
    static final Path EXECUTABLE = Path.of(System.getProperty("paraml.test.chromium", "/usr/bin/chromium"));
    private static final long TIMEOUT_SECONDS = 120;

    private HeadlessChromium() {
    }

    /** Whether Chromium is installed. */
    static boolean available() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * Runs Chromium with {@code args} after the fixed flags, in a new folder under {@code work}, and
     * returns what it printed on stdout.
     *
     * @throws IOException if it does not finish in time or exits with a failure (with its stderr)
     */
    static String run(Path work, String... args) throws IOException, InterruptedException {
        Path run = Files.createTempDirectory(work, "chromium");
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--user-data-dir=" + run.resolve("profile")));
        command.addAll(List.of(args));
        Path out = run.resolve("stdout.txt");
        Path err = run.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(run.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command + "\n"
                        + tail(err));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + ": " + command + "\n" + tail(err));
        }
        return Files.readString(out);
    }

    private static String tail(Path file) throws IOException {
        String s = Files.readString(file);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
