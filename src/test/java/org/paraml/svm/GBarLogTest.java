package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.paraml.backend.SmoOps;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A solve whose cache cannot hold the whole matrix logs the {@code G_bar} updates of its inactive
 * positions and makes them before the gradient is rebuilt ({@link GBarLog}); one whose cache holds it
 * makes them at each step from full columns. Both must give the same model bit for bit, as libsvm's
 * cache size never changes its result. The data overlap, so that shrinking leaves many points inactive
 * while others reach and leave their upper bound (making the log's {@code apply} a no-op fails these).
 */
class GBarLogTest {
    @ParameterizedTest(name = "{0} C={1} threads={2}")
    @CsvSource({"rbf, 1.0, 1", "rbf, 1.0, 2", "poly, 10.0, 1", "rbf, 10.0, 2"})
    void loggedAndImmediateGBarUpdatesGiveTheSameModel(String kernel, double c, int threads) {
        TestData.Points p = TestData.blobs(1500, 3, 2, 1.2, 17L);
        SVC base = new SVC().kernel(kernel).C(c).gamma("scale").threads(threads);
        SVCModel logged = base.cacheSize(0.5).fit(p.x(), p.y()); // 1,500² float32 values are 8.6 MB
        SVCModel atOnce = base.cacheSize(200).fit(p.x(), p.y());
        assertArrayEquals(atOnce.nIter(), logged.nIter(), "n_iter");
        assertArrayEquals(atOnce.support(), logged.support(), "support");
        assertArrayEquals(atOnce.dualCoef().data(), logged.dualCoef().data(), 0.0, "dual_coef");
        assertEquals(atOnce.intercept()[0], logged.intercept()[0], 0.0, "intercept");
    }

    /**
     * The log made in batches of any size, with the points moved from their problem positions, adds what
     * the steps would have added, in their order: the same bits as column by column.
     */
    @Test
    void batchesOfAnySizeAddWhatEachStepWouldHaveAdded() {
        int l = 300;
        TestData.Points p = TestData.blobs(l, 3, 2, 1.0, 5L);
        byte[] y = new byte[l];
        for (int i = 0; i < l; i++) {
            y[i] = (byte) (p.y()[i] == 1 ? 1 : -1);
        }
        SplittableRandom rng = new SplittableRandom(9L);
        int[] points = new int[70];
        double[] scales = new double[70];
        int[] froms = new int[70];
        for (int e = 0, from = 280; e < 70; e++) {
            from -= rng.nextInt(3); // as shrinking leaves it: the first inactive position never grows back
            froms[e] = from;
            points[e] = rng.nextInt(l);
            scales[e] = rng.nextDouble(-10, 10);
        }
        SmoOps ops = SmoOps.best();
        double[] expected = null;
        for (int batchFloats : new int[]{GBarLog.BATCH_FLOATS, 3 * l, 1}) {
            KernelSource source = new PlainKernelSource(new KernelParams(SVC.Kernel.RBF, 0.3, 0, 3), p.x());
            QMatrix q = new SvcQ(source.columns(IntStream.range(0, l).toArray()), y, 200);
            int[] activeSet = IntStream.range(0, l).toArray();
            SplittableRandom exchanges = new SplittableRandom(11L); // the same in every round
            for (int t = 0; t < 40; t++) { // exchanges among the positions that stay active, as shrinking makes
                int a = exchanges.nextInt(130);
                int b = exchanges.nextInt(130);
                q.swap(a, b);
                int keep = activeSet[a];
                activeSet[a] = activeSet[b];
                activeSet[b] = keep;
            }
            int[] position = new int[l];
            for (int a = 0; a < l; a++) {
                position[activeSet[a]] = a;
            }
            double[] stepByStep = new double[l];
            double[] logged = new double[l];
            GBarLog log = new GBarLog();
            for (int e = 0; e < 70; e++) {
                ops.addScaled(stepByStep, q.column(position[points[e]], l), scales[e], froms[e], l);
                log.add(points[e], scales[e], froms[e]);
            }
            log.apply(q, ops, logged, activeSet, batchFloats);
            assertEquals(0, log.size(), "the log is empty once made");
            assertArrayEquals(stepByStep, logged, 0.0, "batches of " + batchFloats + " values");
            if (expected != null) {
                assertArrayEquals(expected, logged, 0.0);
            }
            expected = logged;
            q.release();
        }
    }
}
