package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainCommandTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(ExitCode.OK, r.status());
        assertTrue(r.out().contains("tutorial"), r.out());
        assertTrue(r.out().contains("datasets"), r.out());
        assertTrue(r.out().contains("Exit status"), r.out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRunner r = CliRunner.run("frobnicate");
        assertEquals(ExitCode.USAGE, r.status());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String[] cmd : new String[][] {{"tutorial"}, {"datasets", "make-classification"}, {"datasets", "make-blobs"}, {"svc"}, {"backends"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            CliRunner r = CliRunner.run(args);
            assertEquals(ExitCode.OK, r.status(), String.join(" ", cmd));
            assertTrue(r.out().contains("Usage:"), r.out());
            assertTrue(r.out().contains("paraml " + String.join(" ", cmd)), r.out());
        }
    }

    /**
     * A command's first description line is its summary in the parent's command list, which shows
     * that line alone: it must be a whole sentence. picocli wraps help text at 80 columns, and an
     * example wrapped in the middle of a line can no longer be pasted into a shell.
     */
    @Test
    void everyCommandHasAWholeSummaryAndExamplesThatFitEightyColumns() {
        java.util.List<String> tooLong = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter())));
        int commands = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine cl = todo.poll();
            todo.addAll(cl.getSubcommands().values());
            picocli.CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
            String name = cl.getCommandSpec().qualifiedName();
            commands++;
            String[] description = usage.description();
            if (cl.getCommandSpec().parent() != null && !(cl.getCommand() instanceof picocli.CommandLine.HelpCommand)
                    && (description.length == 0 || !description[0].strip().endsWith("."))) {
                tooLong.add(name + " summary is not a whole sentence: " + String.join("|", description));
            }
            if (usage.footerHeading().contains("Examples")) {
                for (String line : usage.footer()) {
                    if (line.startsWith("  ") && line.length() > 79) {
                        tooLong.add(name + " example: " + line);
                    }
                }
            }
        }
        assertTrue(commands >= 10, "commands walked: " + commands);
        assertTrue(tooLong.isEmpty(), String.join("\n", tooLong));
    }

    @Test
    void tutorialReportMustBeAFolder() throws Exception {
        CliRunner help = CliRunner.run("tutorial", "--help");
        assertTrue(help.out().contains("--report=DIR"), help.out());
        Path file = Files.writeString(tmp.resolve("report.txt"), "not a folder");
        CliRunner r = CliRunner.run("tutorial", "--report", file.toString());
        assertEquals(ExitCode.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("--report: " + file + " is a file, not a folder"), r.err());
        assertEquals("", r.out());
    }

    /**
     * A --report folder that cannot be made (below a file here; read-only or not writable elsewhere) is
     * refused before any step runs, not after the whole tutorial (minutes, or hours with --blocks 500).
     */
    @Test
    void tutorialReportFolderThatCannotBeMadeIsRefusedBeforeAnyWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("report.txt"), "not a folder");
        Path below = file.resolve("report");
        CliRunner r = CliRunner.run("tutorial", "--blocks", "1", "--block-rows", "10", "--report", below.toString());
        assertEquals(ExitCode.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("--report: " + below), r.err());
        assertTrue(r.err().contains(file + " is a file, not a folder"), r.err());
        assertEquals("", r.out());
        assertTrue(Files.isRegularFile(file), "left as it was");
    }

    /** The whole tutorial, small KMeans data, with its report: run once (in the surefire execution with the Vector API). */
    @Test
    @org.junit.jupiter.api.Tag("e2e")
    void tutorialRunsEveryStep() throws Exception {
        Path report = tmp.resolve("report");
        CliRunner r = CliRunner.run("tutorial", "--blocks", "2", "--block-rows", "5000", "--report", report.toString());
        assertEquals(ExitCode.OK, r.status(), r.err());
        assertTrue(r.out().contains("make_classification(n_samples=10000, n_features=4, random_state=0)"), r.out());
        assertTrue(r.out().contains("X: 10000 x 4"), r.out());
        assertTrue(r.out().contains("y[:8] = "), r.out());
        assertTrue(r.out().contains("n_support = [1316, 1312]"), r.out());
        assertTrue(r.out().contains("accuracy (score on the training data) = 0.9050"), r.out());
        assertTrue(r.out().contains("the JIT compiling ParaML's kernels; fitted again: "), r.out());
        assertTrue(r.out().contains("Fitting 2 folds for each of 4 candidates, totalling 8 fits"), r.out());
        assertTrue(r.out().contains("....C=0.001, kernel=rbf; total time="), r.out());
        assertTrue(r.out().contains("best_params_ = {C=10.0, kernel=rbf}") || r.out().contains("best_params_ = {C=10.0, kernel=poly}"), r.out());
        assertTrue(r.out().contains("Fitting 5 folds for each of 6 candidates, totalling 30 fits"), r.out());
        assertTrue(r.out().contains("....C=0.001; total time="), r.out()); // verbose=2 in the larger grid too
        assertTrue(r.out().contains("inertia_ = "), r.out());
        assertTrue(r.out().contains("labels_[:10] = ["), r.out());
        assertTrue(r.out().contains("Done."), r.out());

        Path index = report.resolve("index.html");
        assertTrue(r.out().contains("Report: " + index.toAbsolutePath()), r.out());
        String html = Files.readString(index);
        assertTrue(html.contains("[1316, 1312]"), html);
        assertTrue(html.contains("10,000 rows in 2 blocks, 20 features; 8 clusters"), html);
        assertTrue(html.contains("<img src=\"search-1.png\""), html); // the heat map of the grid
        assertTrue(html.contains("<img src=\"search-2.png\""), html); // the curve of the larger grid
        assertTrue(html.contains("<img src=\"kmeans-1.png\""), html);
        for (String png : new String[] {"search-1.png", "search-2.png", "kmeans-1.png"}) {
            assertTrue(Files.size(report.resolve(png)) > 1000, png);
        }
    }

    /** Spark's and Hadoop's log4j output follows the CLI's WARN configuration unless the user chose one. */
    @Test
    void theCommandQuietensLog4jUnlessConfigured() {
        String key = "log4j2.configurationFile";
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            Main.configureLogging();
            String file = System.getProperty(key);
            if (System.getenv("LOG4J_CONFIGURATION_FILE") == null) {
                assertEquals("org/paraml/cli/log4j2-cli.properties", file);
                assertTrue(Main.class.getClassLoader().getResource(file) != null, "the configuration ships in the jar");
            }
            System.setProperty(key, "/my/log4j2.xml");
            Main.configureLogging();
            assertEquals("/my/log4j2.xml", System.getProperty(key), "the user's choice is kept");
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
