package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.data.BlockProgress;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.linalg.Matrix;

/**
 * A fit whose last Lloyd pass left every centre where it was takes its inertia from that pass instead of
 * making one more pass over the blocks (the E-step against the final centres): the same number, to the
 * last bit, as the pass it saves.
 */
class LloydFinalStepTest {
    private static Matrix blobs(double std, int seed) {
        return new MakeBlobs().nSamples(6000).nFeatures(5).centers(4).clusterStd(std).randomState(seed).generate().x();
    }

    /** The phases of a fit on x in blocks, and its inertia; with a labels consumer when {@code withLabels}. */
    private static double fit(KMeans params, Matrix x, boolean withLabels, List<String> phases) {
        BlockProgress record = (phase, done, total) -> {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                phases.add(phase);
            }
        };
        KMeans km = params.progress(record);
        try (Blocks blocks = Blocks.of(x, 700)) {
            int[] labels = new int[x.rows()];
            KMeansModel m = withLabels
                    ? km.fit(blocks, (block, firstRow, l, rows) -> System.arraycopy(l, 0, labels, (int) firstRow, rows))
                    : km.fit(blocks);
            return m.inertia();
        }
    }

    @Test
    void aConvergedFitTakesItsInertiaFromTheLastPassBitForBit() {
        for (int seed = 0; seed < 4; seed++) {
            Matrix x = blobs(0.8, seed);
            KMeans params = new KMeans().nClusters(4).randomState((long) seed).threads(2);
            List<String> shortcut = new ArrayList<>();
            List<String> full = new ArrayList<>();
            double withoutPass = fit(params, x, false, shortcut);
            // asking for the labels makes the fit stream them from a final E-step pass, as before
            double withPass = fit(params, x, true, full);
            assertTrue(full.contains("labels"), "the labels pass streams the labels: " + full);
            assertFalse(shortcut.contains("labels"), "no pass after the centres stopped moving: " + shortcut);
            assertEquals(full.size() - 1, shortcut.size(), shortcut + " vs " + full);
            assertEquals(withPass, withoutPass, 0.0, "seed " + seed);
        }
    }

    @Test
    void aFitStoppedBeforeItsCentresSettledMakesTheFinalPass() {
        // overlapping blobs and one Lloyd iteration: the centres still move in the last update
        Matrix x = blobs(6.0, 3);
        List<String> phases = new ArrayList<>();
        double inertia = fit(new KMeans().nClusters(4).randomState(3L).maxIter(1).threads(2), x, false, phases);
        assertTrue(phases.contains("labels"), phases.toString());
        List<String> withLabels = new ArrayList<>();
        assertEquals(fit(new KMeans().nClusters(4).randomState(3L).maxIter(1).threads(2), x, true, withLabels),
                inertia, 0.0);
    }

    @Test
    void theInertiaOfAConvergedFitIsTheSumOfItsRowsDistances() {
        Matrix x = blobs(0.8, 7);
        List<String> phases = new ArrayList<>();
        KMeans params = new KMeans().nClusters(4).randomState(7L).threads(1);
        double inertia = fit(params, x, false, phases);
        assertFalse(phases.contains("labels"), phases.toString());
        KMeansModel m;
        try (Blocks blocks = Blocks.of(x, 700)) {
            m = params.progress(BlockProgress.NONE).fit(blocks);
        }
        Matrix c = m.clusterCenters();
        double direct = 0;
        for (int i = 0; i < x.rows(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < c.rows(); j++) {
                double s = 0;
                for (int f = 0; f < x.cols(); f++) {
                    double diff = x.get(i, f) - c.get(j, f);
                    s += diff * diff;
                }
                best = Math.min(best, s);
            }
            direct += best;
        }
        assertEquals(direct, inertia, 1e-9 * direct);
    }
}
