package org.paraml.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.paraml.selection.FitTask;
import org.paraml.selection.SearchExecutor;
import org.paraml.selection.SearchJob;
import org.paraml.selection.TaskSink;

/**
 * A {@link SparkExecutor} on a Spark context of its own, stopped by {@link #close()}: what
 * {@code paraml search --master URL} runs a search on. Its type uses no Spark class, so a caller that loads
 * it by name ({@link #open}) needs Spark only on its run-time class path.
 */
public final class SparkSearchSession implements SearchExecutor, AutoCloseable {
    private final JavaSparkContext sc;
    private final SparkExecutor executor;

    private SparkSearchSession(JavaSparkContext sc) {
        this.sc = sc;
        this.executor = new SparkExecutor(sc);
    }

    /**
     * Connects to {@code master} ({@code local[N]} or {@code spark://host:port}) with Spark's logging at WARN.
     *
     * @param secretFile the cluster's shared secret, or null
     * @throws IOException when the secret file cannot be read
     */
    public static SparkSearchSession open(String master, Path secretFile) throws IOException {
        JavaSparkContext sc = SparkContexts.create(master, "paraml search", secretFile, Map.of());
        sc.setLogLevel("WARN");
        return new SparkSearchSession(sc);
    }

    @Override
    public void execute(SearchJob job, List<FitTask> tasks, TaskSink sink) throws InterruptedException {
        executor.execute(job, tasks, sink);
    }

    @Override
    public int parallelism() {
        return executor.parallelism();
    }

    /** Stops the Spark context. */
    @Override
    public void close() {
        sc.stop();
    }

    @Override
    public String toString() {
        return executor.toString();
    }
}
