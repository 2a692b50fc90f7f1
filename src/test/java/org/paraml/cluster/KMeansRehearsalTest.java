package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;

/**
 * The rehearsal before a large fit in a fresh JVM ({@link KMeansRehearsal}): when it runs, that it leaves the
 * large fit's model as it is, and that a sample it cannot fit is skipped quietly while an interrupt still ends it.
 */
class KMeansRehearsalTest {
    private static final KMeans PARAMS = new KMeans().nClusters(8).initMaxIter(3).oversamplingFactor(10)
            .randomState(0L).threads(2);

    /** Only large fits of blocks read in this JVM, only on the SIMD backend, and not when the property says no. */
    @Test
    void runsOnlyBeforeLargeLocalFitsOnTheSimdBackend() {
        Backend scalar = Backends.byName("scalar");
        // 5 lazily made tutorial blocks: 1,000,000 rows, nothing generated to ask for their number
        try (Blocks large = TutorialBlobs.blocks(5); Blocks small = TutorialBlobs.blocks(4)) {
            PassRunner bigRunner = new LocalPasses(large, 2, null);
            PassRunner smallRunner = new LocalPasses(small, 2, null);
            assertEquals(KMeansRehearsal.MIN_ROWS, bigRunner.rows());
            assertFalse(KMeansRehearsal.worthIt(bigRunner, scalar), "the scalar loops compile quickly");
            if (Backends.vectorModulePresent()) {
                Backend simd = Backends.byName("simd");
                assertTrue(KMeansRehearsal.worthIt(bigRunner, simd));
                assertFalse(KMeansRehearsal.worthIt(smallRunner, simd), "800,000 rows");
                String before = System.getProperty(KMeansRehearsal.PROPERTY);
                System.setProperty(KMeansRehearsal.PROPERTY, "false");
                try {
                    assertFalse(KMeansRehearsal.worthIt(bigRunner, simd), "turned off by the property");
                } finally {
                    if (before == null) {
                        System.clearProperty(KMeansRehearsal.PROPERTY);
                    } else {
                        System.setProperty(KMeansRehearsal.PROPERTY, before);
                    }
                }
            }
        }
    }

    /** A rehearsal on the data's first rows changes nothing in the fit that follows it: the same model, bit for bit. */
    @Test
    void leavesTheFitThatFollowsAsItIs() {
        Backend backend = Backends.vectorModulePresent() ? Backends.byName("simd") : Backends.byName("scalar");
        Matrix x = new MakeBlobs().nSamples(30_000).centers(12).nFeatures(20).randomState(3).generate().x();
        KMeans params = PARAMS.backend(backend);
        try (Blocks blocks = Blocks.of(x, 7_000)) {
            KMeansModel before = params.fit(blocks);
            PassRunner runner = new LocalPasses(blocks, 2, null);
            assertTrue(KMeansRehearsal.rehearse(params, runner, backend), "the rehearsal fit ran");
            KMeansModel after = params.fit(blocks);
            assertArrayEquals(before.clusterCenters().data(), after.clusterCenters().data());
            assertEquals(before.inertia(), after.inertia());
            assertEquals(before.nIter(), after.nIter());
        }
    }

    /** Fewer distinct rows than clusters in the sample, or a NaN in it: skipped, no exception. */
    @Test
    void skipsASampleItCannotFit() {
        Backend backend = Backends.byName("scalar");
        Matrix same = Matrix.zeros(500, 3);
        for (int i = 0; i < same.rows(); i++) {
            same.set(i, 0, i % 5);
        }
        try (Blocks blocks = Blocks.of(same, 100)) {
            assertFalse(KMeansRehearsal.rehearse(PARAMS.backend(backend), new LocalPasses(blocks, 1, null), backend));
        }
        Matrix nan = new MakeBlobs().nSamples(500).centers(3).nFeatures(3).randomState(1).generate().x();
        nan.set(17, 2, Double.NaN);
        try (Blocks blocks = Blocks.of(nan, 100)) {
            assertFalse(KMeansRehearsal.rehearse(PARAMS.backend(backend), new LocalPasses(blocks, 1, null), backend));
        }
    }

    /**
     * Samples with fewer rows than a k-means|| round's candidates ({@code ℓ = 80} here) or than one of the search steps'
     * runs: the rehearsal still runs to its end, on either backend, far from the origin too (translated rows).
     */
    @Test
    void smallSamplesRunTheWholeRehearsal() {
        for (Backend backend : Backends.vectorModulePresent()
                ? new Backend[] {Backends.byName("scalar"), Backends.byName("simd")}
                : new Backend[] {Backends.byName("scalar")}) {
            for (int n : new int[] {12, 60, KMeansRehearsal.SEARCH_STEP_ROWS + 5}) {
                Matrix x = new MakeBlobs().nSamples(n).centers(8).nFeatures(20).randomState(n).generate().x();
                for (int i = 0; i < n; i++) {
                    x.set(i, 0, x.get(i, 0) + 1e5);
                }
                try (Blocks blocks = Blocks.of(x, 7)) {
                    assertTrue(KMeansRehearsal.rehearse(PARAMS.backend(backend), new LocalPasses(blocks, 2, null),
                            backend), backend.name() + ", " + n + " rows");
                }
            }
        }
    }

    /** An interrupt during the rehearsal ends it as it ends a fit: a cancellation, the interrupt status kept. */
    @Test
    void anInterruptEndsTheRehearsal() {
        Backend backend = Backends.byName("scalar");
        Matrix x = new MakeBlobs().nSamples(5_000).centers(8).nFeatures(4).randomState(2).generate().x();
        try (Blocks blocks = Blocks.of(x, 1_000)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class,
                        () -> KMeansRehearsal.rehearse(PARAMS.backend(backend), new LocalPasses(blocks, 2, null), backend));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    /** The rehearsal's Lloyd steps decide the translation from its sample as the large fit does from its data. */
    @Test
    void theSampleGivesTheFitsTranslation() {
        for (double offset : new double[] {0.0, 1e4}) {
            Matrix x = new MakeBlobs().nSamples(30_000).centers(5).nFeatures(3).randomState(4).generate().x();
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < x.cols(); j++) {
                    x.set(i, j, x.get(i, j) + offset);
                }
            }
            try (Blocks blocks = Blocks.of(x, 7_000)) {
                LocalPasses data = new LocalPasses(blocks, 1, null);
                double[] forData = FitContext.translationFor(data);
                double[] fromSample = FitContext.translationOf(x.rowRange(0, KMeansRehearsal.SAMPLE_ROWS).copy());
                assertEquals(offset > 0, forData != null, "offset " + offset);
                if (forData != null) {
                    assertArrayEquals(forData, fromSample);
                } else {
                    assertEquals(null, fromSample);
                }
            }
        }
    }
}
