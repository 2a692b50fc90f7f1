package org.paraml.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.paraml.selection.FitTask;

/**
 * The (candidate, fold) tasks that one Spark task runs one after the other, on one executor: two ints per
 * task. {@link TaskGrouping} puts together the tasks that share a kernel matrix.
 */
final class TaskGroup implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] candidates;
    private final int[] folds;

    TaskGroup(List<FitTask> tasks) {
        candidates = new int[tasks.size()];
        folds = new int[tasks.size()];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = tasks.get(i).candidate();
            folds[i] = tasks.get(i).fold();
        }
    }

    /** The tasks, in the order they run. */
    List<FitTask> tasks() {
        List<FitTask> out = new ArrayList<>(candidates.length);
        for (int i = 0; i < candidates.length; i++) {
            out.add(new FitTask(candidates[i], folds[i]));
        }
        return out;
    }

    int size() {
        return candidates.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < candidates.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(candidates[i]).append(", ").append(folds[i]).append(')');
        }
        return sb.append(']').toString();
    }
}
