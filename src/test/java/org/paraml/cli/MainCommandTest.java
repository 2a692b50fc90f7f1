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

    /** The whole tutorial, small KMeans data: run once (in the surefire execution with the Vector API). */
    @Test
    @org.junit.jupiter.api.Tag("e2e")
    void tutorialRunsEveryStep() {
        CliRunner r = CliRunner.run("tutorial", "--blocks", "2", "--block-rows", "5000");
        assertEquals(ExitCode.OK, r.status(), r.err());
        assertTrue(r.out().contains("make_classification(n_samples=10000, n_features=4, random_state=0)"), r.out());
        assertTrue(r.out().contains("X: 10000 x 4"), r.out());
        assertTrue(r.out().contains("y[:8] = "), r.out());
        assertTrue(r.out().contains("n_support = [1316, 1312]"), r.out());
        assertTrue(r.out().contains("accuracy (score on the training data) = 0.9050"), r.out());
        assertTrue(r.out().contains("Fitting 2 folds for each of 4 candidates, totalling 8 fits"), r.out());
        assertTrue(r.out().contains("....C=0.001, kernel=rbf; total time="), r.out());
        assertTrue(r.out().contains("best_params_ = {C=10.0, kernel=rbf}") || r.out().contains("best_params_ = {C=10.0, kernel=poly}"), r.out());
        assertTrue(r.out().contains("Fitting 5 folds for each of 6 candidates, totalling 30 fits"), r.out());
        assertTrue(r.out().contains("inertia_ = "), r.out());
        assertTrue(r.out().contains("labels_[:10] = ["), r.out());
        assertTrue(r.out().contains("Done."), r.out());
    }
}
