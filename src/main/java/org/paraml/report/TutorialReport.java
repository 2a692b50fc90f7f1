package org.paraml.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blocks;
import org.paraml.linalg.Matrix;
import org.paraml.selection.SearchResult;

/**
 * What a run of the tutorial did, step by step, collected as it goes for {@link ReportWriter}. Not
 * thread-safe: one run fills it from one thread.
 */
public final class TutorialReport {
    /** The rows of the KMeans data that the scatter shows. */
    public static final int SAMPLE_ROWS = 2000;

    private final String backend;
    private final int cores;
    private final List<ReportStep> steps = new ArrayList<>();

    /**
     * @param backend the kernel backend's name ("simd", "scalar", "cuda")
     * @param cores   the processors the run could use
     */
    public TutorialReport(String backend, int cores) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.cores = cores;
    }

    /** Adds a step, after those added before. */
    public TutorialReport add(ReportStep step) {
        steps.add(Objects.requireNonNull(step, "step"));
        return this;
    }

    /** Adds a finished search: its scores and wall time. */
    public TutorialReport search(String title, SearchResult result, double seconds) {
        return add(new ReportStep.Search(title, SearchScores.of(result), seconds));
    }

    /**
     * Adds a fitted KMeans with {@link #SAMPLE_ROWS} rows sampled evenly from {@code data} (which must
     * still be open) and labelled by {@code model}.
     */
    public TutorialReport kmeans(String title, KMeansModel model, Blocks data, double fitSeconds) {
        Matrix sample = RowSample.evenly(data, SAMPLE_ROWS);
        return add(new ReportStep.KMeans(title, data.rows(), data.numBlocks(), model.inertia(), model.nIter(),
                fitSeconds, model.clusterCenters(), sample, model.predict(sample)));
    }

    /** The backend's name. */
    public String backend() {
        return backend;
    }

    /** The processors the run could use. */
    public int cores() {
        return cores;
    }

    /** The steps, in the order they were added. */
    public List<ReportStep> steps() {
        return List.copyOf(steps);
    }
}
