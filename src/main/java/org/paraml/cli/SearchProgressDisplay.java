package org.paraml.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.paraml.selection.ProgressListener;

/**
 * Shows a search's progress: a progress bar on stderr when the command runs in a terminal, plain
 * lines on stderr otherwise (about every tenth of the fits), so that stdout holds only the results.
 */
final class SearchProgressDisplay implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private ProgressBar bar;
    private int lastTenth = -1;

    private SearchProgressDisplay(PrintWriter err, boolean quiet, boolean terminal) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    /** @param quiet no plain lines (a terminal still gets its bar) */
    static SearchProgressDisplay create(PrintWriter err, boolean quiet) {
        return new SearchProgressDisplay(err, quiet, isTerminal());
    }

    /** True when stdout (and stdin) are a terminal: {@link System#console()}, and on Java 22+ {@code Console.isTerminal()}. */
    static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console exists only when both are terminals
        }
    }

    @Override
    public void onProgress(int done, int total, double bestScore) {
        String best = Double.isNaN(bestScore) ? "best -" : String.format(Locale.ROOT, "best %.4f", bestScore);
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("search").setInitialMax(total).setUnit(" fits", 1)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(200).build();
            }
            bar.stepTo(done);
            bar.setExtraMessage(best);
            return;
        }
        int tenth = total == 0 ? 10 : (int) (10L * done / total);
        if (!quiet && (tenth != lastTenth || done == total)) {
            lastTenth = tenth;
            err.println("search: " + done + "/" + total + " fits, " + best);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
