package org.paraml.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.paraml.selection.FitTask;
import org.paraml.selection.LocalExecutor;
import org.paraml.selection.SearchExecutor;
import org.paraml.selection.SearchJob;
import org.paraml.selection.SearchResult;
import org.paraml.selection.TaskResult;
import org.paraml.selection.TaskSink;

/**
 * Where a grid search's time goes at {@code n_jobs} 1 and 2: {@link GridSearchBenchmark}'s search with its
 * tasks run by a {@link LocalExecutor} whose reports are timestamped, so that each (candidate, fold) task's
 * start and end, the worker that ran it, the end of the task phase and the refit are known. Prints the last
 * search's timeline at each {@code n_jobs} and, over the second half of the searches, the medians of the task
 * phase, the refit and the whole search, with their 1 → 2 ratios. Idle workers show as gaps between one task's
 * end and the next one's start, and as the distance from a worker's last end to the end of the task phase.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar \
 *      org.paraml.bench.GridTimeline [tutorial|large] [SEARCHES]
 * </pre>
 * A fixed, pre-touched heap: with a growing one, G1 kept expanding the heap by up to 1.2 GB well into the
 * measured searches, and on a host where a fresh page costs 15-20 µs (bench/RESULTS.md, session 28) the search
 * that first touched the new regions took seconds longer: at {@code n_jobs = 2}, the two C = 0.001 rbf fits
 * that fill the shared kernel matrix took 1.58 s instead of 0.13 s.
 * SEARCHES (default 8) per {@code n_jobs}, the first half warming the JVM.
 */
public final class GridTimeline {
    private GridTimeline() {
    }

    public static void main(String[] args) {
        String grid = args.length > 0 ? args[0] : "tutorial";
        int searches = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        double[][] phases = new double[2][];
        for (int nJobs = 1; nJobs <= 2; nJobs++) {
            GridSearchBenchmark b = GridSearchBenchmark.setUpFor(grid, nJobs);
            double[][] times = new double[3][searches];
            List<String> lines = List.of();
            for (int s = 0; s < searches; s++) {
                Recorder r = new Recorder(nJobs);
                long t0 = System.nanoTime();
                r.start = t0;
                SearchResult result = b.search(r);
                times[0][s] = r.tasksDone;
                times[1][s] = result.refitTime();
                times[2][s] = (System.nanoTime() - t0) / 1e9;
                lines = r.lines;
            }
            System.out.printf("%s grid, n_jobs=%d, the last search:%n", grid, nJobs);
            lines.forEach(l -> System.out.println("  " + l));
            int from = searches / 2;
            phases[nJobs - 1] = new double[] {tail(times[0], from), tail(times[1], from), tail(times[2], from)};
            System.out.printf("  medians of searches %d-%d: tasks %.3f s, refit %.3f s, search %.3f s%n%n", from + 1,
                    searches, phases[nJobs - 1][0], phases[nJobs - 1][1], phases[nJobs - 1][2]);
        }
        System.out.printf("n_jobs 1 -> 2: tasks %.2fx, refit %.2fx, search %.2fx%n", phases[0][0] / phases[1][0],
                phases[0][1] / phases[1][1], phases[0][2] / phases[1][2]);
    }

    /** A local executor whose task reports are timestamped, relative to {@link #start}. */
    private static final class Recorder implements SearchExecutor {
        private final LocalExecutor local;
        private final List<String> lines = new ArrayList<>();
        long start;
        double tasksDone;

        Recorder(int nJobs) {
            this.local = new LocalExecutor(nJobs);
        }

        @Override
        public int parallelism() {
            return local.parallelism();
        }

        @Override
        public void execute(SearchJob job, List<FitTask> tasks, TaskSink sink) throws InterruptedException {
            local.execute(job, tasks, new TaskSink() {
                @Override
                public void started(FitTask t) {
                    log(String.format("%7.3f s  start c%d f%d on %s", seconds(), t.candidate(), t.fold(),
                            Thread.currentThread().getName()));
                    sink.started(t);
                }

                @Override
                public void finished(TaskResult r) {
                    log(String.format("%7.3f s  end   c%d f%d (fit %.3f s, score %.3f s)", seconds(), r.candidate(),
                            r.fold(), r.fitTime(), r.scoreTime()));
                    sink.finished(r);
                }
            });
            tasksDone = seconds();
            log(String.format("%7.3f s  every task done; the refit follows", tasksDone));
        }

        private double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        private synchronized void log(String line) {
            lines.add(line);
        }
    }

    /** The median of {@code v[from ..]}: the searches after the warm-up. */
    private static double tail(double[] v, int from) {
        return GridScaling.median(Arrays.copyOfRange(v, from, v.length));
    }
}
