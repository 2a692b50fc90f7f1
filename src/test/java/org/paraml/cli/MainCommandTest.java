package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainCommandTest {
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

    @Test
    void tutorialShowsTheFirstStep() {
        CliRunner r = CliRunner.run("tutorial");
        assertEquals(ExitCode.OK, r.status(), r.err());
        assertTrue(r.out().contains("make_classification(n_samples=10000, n_features=4, random_state=0)"), r.out());
        assertTrue(r.out().contains("X: 10000 x 4"), r.out());
        assertTrue(r.out().contains("y[:8] = "), r.out());
        assertTrue(r.out().contains("n_support = [1316, 1312]"), r.out());
        assertTrue(r.out().contains("accuracy (score on the training data) = 0.9050"), r.out());
    }
}
