package org.paraml.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.spark.broadcast.Broadcast;
import org.paraml.selection.FitTask;
import org.paraml.selection.SearchJob;

/**
 * What a Spark task of a search does on its executor: reads the broadcast {@link SearchPayload} (one copy
 * per executor JVM), and runs its group's fits one after the other with
 * {@link SearchJob#evaluate(FitTask, int)}. An exception that {@code error_score='raise'} lets through
 * ends the group and comes back as a value.
 */
final class GroupRunner {
    private GroupRunner() {
    }

    static List<RemoteResult> run(Broadcast<SearchPayload> payload, TaskGroup group, int kernelThreads) {
        SearchJob job = payload.value().job();
        List<RemoteResult> out = new ArrayList<>(group.size());
        for (FitTask t : group.tasks()) {
            try {
                out.add(RemoteResult.of(job.evaluate(t, kernelThreads)));
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError || e instanceof CancellationException) {
                    throw e; // out of memory: let Spark retry elsewhere; killed: the result is not wanted
                }
                out.add(RemoteResult.raised(t.candidate(), t.fold(), e));
                break;
            }
        }
        return out;
    }
}
