package org.paraml.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.paraml.data.BlockProgress;

/**
 * Shows passes over blocks (generation, spilling, k-means|| rounds, Lloyd iterations): one progress
 * bar per phase on stderr when the command runs in a terminal, otherwise one plain line per finished
 * phase, so that stdout holds only the results.
 */
final class BlockProgressDisplay implements BlockProgress, AutoCloseable {
    private final PrintWriter err;
    private final String task;
    private final boolean terminal;
    private final boolean quiet;
    private ProgressBar bar;
    private String phase;
    private long phaseStart;

    BlockProgressDisplay(PrintWriter err, String task, boolean quiet) {
        this.err = err;
        this.task = task;
        this.quiet = quiet;
        this.terminal = SearchProgressDisplay.isTerminal();
    }

    @Override
    public void update(String newPhase, int done, int total) {
        if (!newPhase.equals(phase)) {
            closeBar();
            phase = newPhase;
            phaseStart = System.nanoTime();
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(task + ": " + newPhase).setInitialMax(total)
                        .setUnit(" blocks", 1).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
            }
        }
        if (bar != null) {
            bar.stepTo(done);
        } else if (!quiet && done == total) {
            err.printf(Locale.ROOT, "%s: %s: %d/%d blocks in %.1f s%n", task, newPhase, done, total,
                    (System.nanoTime() - phaseStart) / 1e9);
            err.flush();
        }
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
