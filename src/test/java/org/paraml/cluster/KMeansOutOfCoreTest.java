package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.BlockProgress;
import org.paraml.data.Blocks;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;

/** KMeans on the tutorial's generated blobs, spilled to disk, with the tutorial's parameters. */
class KMeansOutOfCoreTest {
    @TempDir
    Path tmp;

    private List<Path> contents() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp)).toList();
        }
    }

    @Test
    void tutorialParametersRecoverTheTemplateCentresFromSpilledBlocks() throws IOException {
        Blocks made = TutorialBlobs.blocks(4, 3000);
        Matrix template = TutorialBlobs.template();
        try (Blocks spilled = made.persist(0, 2, tmp, BlockProgress.NONE)) {
            assertFalse(spilled.inMemory());
            KMeans km = new KMeans().initMaxIter(3).oversamplingFactor(10).nClusters(12)
                    .randomState(0L).threads(2);
            KMeansModel m = km.fit(spilled.withMaxResidentBytes(3000L * 20 * 8 * 2));
            Matrix c = m.clusterCenters();
            boolean[] used = new boolean[12];
            for (int t = 0; t < 12; t++) {
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < 12; j++) {
                    double d = Distances.squared(template.data(), template.offset(t), c.data(), c.offset(j), 20);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
                assertTrue(bestD < 0.2, "template centre " + t + " is " + Math.sqrt(bestD) + " from the nearest");
                assertFalse(used[best], "one fitted centre per template centre");
                used[best] = true;
            }
            KMeansModel inMemory = km.fit(made.persist(Long.MAX_VALUE, 2));
            assertArrayEquals(inMemory.labels().toArray(), m.labels().toArray());
            assertEquals(inMemory.inertia(), m.inertia(), 0.0);
        }
        assertEquals(List.of(), contents());
    }

    @Test
    void spillFilesAreRemovedAfterAFitFailsInTheMiddleOfAPass() throws IOException {
        Blocks made = TutorialBlobs.blocks(3, 2000);
        BlockProgress failing = (phase, done, total) -> {
            if (phase.equals("lloyd iteration 2") && done == 1) {
                throw new IllegalStateException("stopped by the test");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (Blocks spilled = made.persist(0, 2, tmp, BlockProgress.NONE)) {
                assertEquals(2, contents().size());
                new KMeans().nClusters(12).randomState(1L).progress(failing).threads(2).fit(spilled);
            }
        });
        assertEquals("stopped by the test", e.getMessage());
        assertEquals(List.of(), contents());
    }
}
