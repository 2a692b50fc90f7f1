package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.linalg.Matrix;

/**
 * A KMeans fit whose thread is interrupted mid-fit (a cancelled search interrupts its running fits) stops at the
 * next pass over its blocks with a {@link CancellationException}, keeping the interrupt status, in memory on one
 * thread (the inline pass) as on several threads and block by block; the next fit is unaffected.
 */
class KMeansCancellationTest {
    private static final Matrix X = new MakeBlobs().nSamples(6000).centers(6).nFeatures(4).clusterStd(3.0)
            .randomState(5).generate().x();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "2, 0", "1, 1000", "2, 1000"})
    void anInterruptMidFitStopsItAtTheNextPass(int threads, int blockRows) {
        KMeansModel reference = kmeans(threads, blockRows, (phase, done, total) -> { }).fit(blocks(blockRows));
        assertTrue(reference.nIter() > 3, "the fit is long enough to be cut short: " + reference.nIter());

        List<String> phases = new ArrayList<>();
        KMeans interrupted = kmeans(threads, blockRows, (phase, done, total) -> {
            if (done == 0) {
                phases.add(phase);
                if (phase.equals("lloyd iteration 2")) {
                    Thread.currentThread().interrupt(); // as a search cancelling this fit would
                }
            }
        });
        assertThrows(CancellationException.class, () -> interrupted.fit(blocks(blockRows)));
        assertTrue(Thread.interrupted(), "the interrupt status is kept");
        assertEquals("lloyd iteration 2", phases.get(phases.size() - 1),
                "no pass started after the interrupt: " + phases);
        assertFalse(phases.contains("lloyd iteration 3"), phases.toString());

        KMeansModel again = kmeans(threads, blockRows, (phase, done, total) -> { }).fit(blocks(blockRows));
        assertEquals(reference.nIter(), again.nIter());
        assertEquals(reference.inertia(), again.inertia(), 0.0);
        assertArrayEquals(reference.labels().toArray(), again.labels().toArray());
    }

    private static KMeans kmeans(int threads, int blockRows, org.paraml.data.BlockProgress progress) {
        return new KMeans().nClusters(6).init(KMeans.RANDOM).nInit(1).tol(0.0).maxIter(30).randomState(3L)
                .threads(threads).progress(progress);
    }

    private static Blocks blocks(int blockRows) {
        return blockRows == 0 ? Blocks.of(X) : Blocks.of(X, blockRows);
    }
}
