package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.data.MakeClassification;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;
import org.paraml.selection.ErrorScore;
import org.paraml.selection.Scorers;
import org.paraml.selection.SearchJob;
import org.paraml.selection.Split;
import org.paraml.svm.SVC;

/**
 * What an executor makes of a search's broadcast payload (no Spark needed): its own shared kernel work
 * when the search shares work, within the executor's heap, and none otherwise; and the default cut of a
 * search into Spark tasks.
 */
class SearchPayloadTest {
    private static SearchJob job(Matrix x, int[] y, SharedWork shared) {
        int n = x.rows();
        int[] a = new int[n / 2];
        int[] b = new int[n - n / 2];
        for (int i = 0; i < n; i++) {
            if (i < n / 2) {
                a[i] = i;
            } else {
                b[i - n / 2] = i;
            }
        }
        return new SearchJob(new SVC(), List.of(Map.of("C", 1.0), Map.of("C", 10.0)),
                List.of(new Split(a, b), new Split(b, a)), x, y, Scorers.modelScore(), false, ErrorScore.RAISE, shared);
    }

    @Test
    void theExecutorSharesKernelWorkWhenTheSearchDoes() {
        var d = new MakeClassification().nSamples(40).nFeatures(4).randomState(0L).generate();
        try (SharedWork driver = SharedWork.open(d.x(), 64L << 20)) {
            SharedWork executor = SearchPayload.of(job(d.x(), d.y(), driver), true).job().sharedWork();
            assertNotNull(executor, "the executor's job shares kernel work");
            assertTrue(executor.budgetBytes() <= 64L << 20 && executor.budgetBytes() <= SharedWork.defaultBudgetBytes(),
                    "within the search's budget and the executor's heap: " + executor.budgetBytes());
            assertEquals(40, executor.data().rows());
            assertNull(SearchPayload.of(job(d.x(), d.y(), driver), false).job().sharedWork(),
                    "no sharing when the executor was told not to group by kernel");
        }
        assertNull(SearchPayload.of(job(d.x(), d.y(), null), true).job().sharedWork(), "no sharing in the search");
        try (SharedWork none = SharedWork.open(d.x(), 0)) {
            assertNull(SearchPayload.of(job(d.x(), d.y(), none), true).job().sharedWork(), "a zero budget");
        }
    }

    @Test
    void defaultGroupsGiveEveryCoreFourSparkTasks() {
        assertEquals(4, SparkExecutor.defaultGroupSize(30, 2), "the tutorial's larger grid on 2 cores");
        assertEquals(1, SparkExecutor.defaultGroupSize(8, 2));
        assertEquals(1, SparkExecutor.defaultGroupSize(1, 64));
        assertEquals(3, SparkExecutor.defaultGroupSize(9, 0), "no cores reported: counted as one");
    }
}
