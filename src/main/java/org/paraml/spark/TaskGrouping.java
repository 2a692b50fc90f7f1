package org.paraml.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paraml.selection.FitTask;
import org.paraml.selection.SearchJob;

/**
 * How a search's tasks are cut into Spark tasks. Tasks of one fold whose candidates agree on every
 * parameter that shapes the kernel matrix ({@code kernel}, {@code gamma}, {@code degree}, {@code coef0}
 * for SVC — they differ only in {@code C}, {@code probability}, …) form one group, run one after the other
 * in one executor JVM, so that a kernel cache shared between fits there computes the Gram matrix once for
 * all of them; without such a cache the group is simply a few fits in a row. Estimators without a
 * {@code kernel} parameter, and {@link #NONE}, give one group per task. A group holds at most
 * {@code maxGroupSize} tasks. Groups come in scikit-learn's task order (of their first task), and so do the
 * tasks inside a group.
 */
final class TaskGrouping {
    /** The parameters that decide an SVC kernel matrix on given rows. */
    static final List<String> KERNEL_PARAMS = List.of("kernel", "gamma", "degree", "coef0");

    /** One task per group. */
    static final TaskGrouping NONE = new TaskGrouping(false, 1);

    private final boolean shareKernels;
    private final int maxGroupSize;

    /**
     * @param shareKernels whether to group tasks that share a kernel matrix
     * @param maxGroupSize the most tasks in one group, {@code >= 1}
     */
    TaskGrouping(boolean shareKernels, int maxGroupSize) {
        if (maxGroupSize < 1) {
            throw new IllegalArgumentException("maxGroupSize must be >= 1, got " + maxGroupSize);
        }
        this.shareKernels = shareKernels;
        this.maxGroupSize = maxGroupSize;
    }

    /** The groups of {@code tasks} (a subset of {@code job}'s tasks, in any order). */
    List<TaskGroup> groups(SearchJob job, List<FitTask> tasks) {
        boolean kernelEstimator = shareKernels && job.estimator().getParams().containsKey("kernel");
        Map<List<Object>, List<FitTask>> byKey = new LinkedHashMap<>();
        List<FitTask> ordered = new ArrayList<>(tasks);
        ordered.sort((a, b) -> a.candidate() != b.candidate() ? Integer.compare(a.candidate(), b.candidate())
                : Integer.compare(a.fold(), b.fold()));
        int single = 0;
        for (FitTask t : ordered) {
            List<Object> key = new ArrayList<>();
            key.add(t.fold());
            if (kernelEstimator) {
                Map<String, Object> effective = new LinkedHashMap<>(job.estimator().getParams());
                effective.putAll(job.candidates().get(t.candidate()));
                for (String p : KERNEL_PARAMS) {
                    key.add(String.valueOf(effective.get(p)));
                }
            } else {
                key.add(single++);
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<TaskGroup> out = new ArrayList<>();
        for (List<FitTask> g : byKey.values()) {
            for (int from = 0; from < g.size(); from += maxGroupSize) {
                out.add(new TaskGroup(g.subList(from, Math.min(g.size(), from + maxGroupSize))));
            }
        }
        out.sort((a, b) -> compare(a.tasks().get(0), b.tasks().get(0)));
        return out;
    }

    private static int compare(FitTask a, FitTask b) {
        return a.candidate() != b.candidate() ? Integer.compare(a.candidate(), b.candidate())
                : Integer.compare(a.fold(), b.fold());
    }

    @Override
    public String toString() {
        return shareKernels ? "by kernel matrix, at most " + maxGroupSize + " tasks" : "one task per group";
    }
}
