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
    private Path trainings;
    private Path failTraining;

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
        trainings = dir.resolve("trainings.txt");
        failTraining = dir.resolve("fail-training");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        // a class archive training (-XX:ArchiveClassesAtExit=FILE) is recorded apart and writes FILE, unless told to fail
        Files.writeString(java, String.join("\n",
                "#!/usr/bin/env bash",
                "if [[ \"$1\" == -XshowSettings:properties ]]; then",
                "  echo '    java.specification.version = 17'; echo '    java.home = /opt/jdk'; exit 0",
                "fi",
                "for a in \"$@\"; do",
                "  if [[ \"$a\" == -XX:ArchiveClassesAtExit=* ]]; then",
                "    printf '%s\\n' \"$*\" >> '" + trainings + "'",
                "    if [[ -f '" + failTraining + "' ]]; then exit 1; fi",
                "    printf 'archive' > \"${a#-XX:ArchiveClassesAtExit=}\"; exit 0",
                "  fi",
                "done",
                "printf '%s\\n' \"$@\" > '" + recorded + "'",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> launch(String javaOpts, String... args) throws Exception {
        return launchWith(javaOpts, null, args);
    }

    private List<String> launchWith(String javaOpts, String cds, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("PARAML_JAVA_OPTS");
        pb.environment().remove("PARAML_CDS");
        if (javaOpts != null) {
            pb.environment().put("PARAML_JAVA_OPTS", javaOpts);
        }
        if (cds != null) {
            pb.environment().put("PARAML_CDS", cds);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, p.exitValue(), out);
        return Files.readAllLines(recorded);
    }

    private List<String> trainings() throws IOException {
        return Files.exists(trainings) ? Files.readAllLines(trainings) : List.of();
    }

    private static String archiveOption(List<String> args) {
        return args.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElse(null);
    }

    @Test
    void makesAClassArchiveOnceAndStartsEveryRunFromIt() throws Exception {
        List<String> first = launch(null, "svc", "--help");
        List<String> second = launch(null, "kmeans", "--help");
        assertEquals(1, trainings().size(), "the archive should be made once: " + trainings());
        String training = trainings().get(0);
        assertTrue(training.contains("org.paraml.cli.ClassArchiveTraining"), training);
        String option = archiveOption(first);
        assertTrue(option != null, "no -XX:SharedArchiveFile in " + first);
        assertEquals(option, archiveOption(second));
        Path archive = Path.of(option.substring("-XX:SharedArchiveFile=".length()));
        assertEquals("archive", Files.readString(archive), "the launch should use the file the training wrote");
        assertTrue(archive.startsWith(dir.resolve("app/target/cds")), archive.toString());
        // the training runs with the launch's class path and module flags
        int cp = first.indexOf("-cp");
        assertTrue(training.contains(first.get(cp + 1)), training);
        assertTrue(training.contains("--add-modules jdk.incubator.vector"), training);
    }

    @Test
    void aNewBuildGetsANewArchive() throws Exception {
        String before = archiveOption(launch(null, "svc", "--help"));
        Path jar = dir.resolve("app/target/paraml.jar");
        Files.writeString(jar, "rebuilt");
        String after = archiveOption(launch(null, "svc", "--help"));
        assertEquals(2, trainings().size());
        assertFalse(before.equals(after), before);
        assertFalse(Files.exists(Path.of(before.substring("-XX:SharedArchiveFile=".length()))),
                "the archive of the earlier build should be removed");
    }

    @Test
    void aFailedTrainingIsNotRetriedAndTheCommandStillRuns() throws Exception {
        Files.writeString(failTraining, "");
        List<String> first = launch(null, "svc", "--help");
        List<String> second = launch(null, "svc", "--help");
        assertEquals(null, archiveOption(first));
        assertEquals(null, archiveOption(second));
        assertEquals(1, trainings().size(), "a failed training should not be tried again for the same build");
    }

    @Test
    void noArchiveWhenTurnedOff() throws Exception {
        List<String> args = launchWith(null, "0", "svc", "--help");
        assertEquals(null, archiveOption(args));
        assertEquals(List.of(), trainings());
    }

    @Test
    void jvmWarningsGoToStderrNotToTheJsonOnStdout() throws Exception {
        List<String> args = launch(null, "svc", "--help");
        int disable = args.indexOf("-Xlog:disable");
        assertTrue(disable >= 0, args.toString());
        assertTrue(args.indexOf("-Xlog:all=warning:stderr") > disable, args.toString());
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

    /** kmeans starts G1's concurrent marking at a fixed 95% occupancy; the user's options still come after. */
    @Test
    void kmeansMarksOnlyNearlyFullHeapsBeforeTheUsersOptions() throws Exception {
        List<String> args = launch("-XX:InitiatingHeapOccupancyPercent=45", "kmeans", "--blobs", "1");
        int adaptiveOff = args.indexOf("-XX:-G1UseAdaptiveIHOP");
        int ours = args.indexOf("-XX:InitiatingHeapOccupancyPercent=95");
        int users = args.indexOf("-XX:InitiatingHeapOccupancyPercent=45");
        assertTrue(adaptiveOff >= 0 && ours >= 0, "kmeans should run with a fixed threshold of 95%: " + args);
        assertTrue(users > ours, "PARAML_JAVA_OPTS should override the launcher's threshold: " + args);
    }

    @Test
    void otherCommandsKeepG1sDefaultGoal() throws Exception {
        for (String command : List.of("search", "svc", "tutorial")) {
            List<String> args = launch(null, command, "--help");
            assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:GCTimeRatio")
                    || a.contains("IHOP") || a.startsWith("-XX:InitiatingHeapOccupancyPercent")), command + ": " + args);
            assertTrue(args.contains("--add-modules"), args.toString());
        }
    }
}
