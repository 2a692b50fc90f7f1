package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options {@code bin/paraml} starts the CLI with: the real launcher script, copied next to an
 * up-to-date stand-in build (so that it does not build), run by bash with {@code JAVA_HOME} pointing at
 * a {@code java} script that answers the version probe and records the arguments of the launch.
 */
class LauncherJvmOptionsTest {
    @TempDir
    Path dir;
    private Path launcher;
    private Path recorded;

    @BeforeEach
    void copyLauncher() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("app/bin"));
        launcher = bin.resolve("paraml");
        Files.copy(Path.of("bin/paraml"), launcher);
        Path target = Files.createDirectories(dir.resolve("app/target"));
        Files.createDirectories(target.resolve("lib"));
        Files.createDirectories(target.resolve("lib-spark"));
        Files.writeString(target.resolve("paraml.jar"), "");
        recorded = dir.resolve("args.txt");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, String.join("\n",
                "#!/usr/bin/env bash",
                "if [[ \"$1\" == -XshowSettings:properties ]]; then echo '    java.specification.version = 17'; exit 0; fi",
                "printf '%s\\n' \"$@\" > '" + recorded + "'",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> launch(String javaOpts, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("PARAML_JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("PARAML_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, p.exitValue(), out);
        return Files.readAllLines(recorded);
    }

    @Test
    void kmeansGetsALowerGcTimeGoalBeforeTheUsersOptions() throws Exception {
        List<String> args = launch("-XX:GCTimeRatio=9 -Xmx2g", "kmeans", "--blobs", "1");
        int ours = args.indexOf("-XX:GCTimeRatio=4");
        int users = args.indexOf("-XX:GCTimeRatio=9");
        assertTrue(ours >= 0, "kmeans should run with -XX:GCTimeRatio=4: " + args);
        // the last occurrence of a JVM flag wins: PARAML_JAVA_OPTS must come after the launcher's own
        assertTrue(users > ours, "PARAML_JAVA_OPTS should override the launcher's goal: " + args);
        int main = args.indexOf("org.paraml.cli.Main");
        assertTrue(main > users, args.toString());
        assertEquals(List.of("kmeans", "--blobs", "1"), args.subList(main + 1, args.size()));
    }

    @Test
    void otherCommandsKeepG1sDefaultGoal() throws Exception {
        for (String command : List.of("search", "svc", "tutorial")) {
            List<String> args = launch(null, command, "--help");
            assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:GCTimeRatio")), command + ": " + args);
            assertTrue(args.contains("--add-modules"), args.toString());
        }
    }
}
