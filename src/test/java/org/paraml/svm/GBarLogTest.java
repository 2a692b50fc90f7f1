package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
