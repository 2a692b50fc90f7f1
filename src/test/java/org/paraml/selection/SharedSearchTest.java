package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backends;
import org.paraml.backend.ScalarBackend;
import org.paraml.backend.TestData;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.estimator.Classifier;
import org.paraml.estimator.ClassifierEstimator;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;

/**
 * A search shares kernel matrices between candidates, folds and the probability calibration
 * without changing any result: cv_results and the refitted model are the same, bit for bit, with
 * and without sharing, with a bounded cache (over budget), for n_jobs 1 and 2; and the shared work
 * is released when the search ends, also when it fails or is cancelled.
 *
 * <p>On the scalar backend, and on the SIMD backend when the Vector API module is present: its kernels give the
 * same bits interpreted and compiled ({@code SimdExpDeterminismTest}), so a fit's result does not depend on
 * whether C2 had compiled them yet.
 */
class SharedSearchTest {
    private static final Dataset DATA = new MakeClassification().nSamples(300).nFeatures(4).randomState(0).generate();
    private static final Map<String, List<?>> GRID = Map.of("C", List.of(0.01, 10.0), "kernel", List.of("rbf", "poly"));
    private static final SVC BASE = new SVC().gamma("auto").probability(true).randomState(0L).backend(new ScalarBackend());

    private static SearchResult search(int nJobs, double sharedMb, int cv, String scoring) {
        return search(BASE, nJobs, sharedMb, cv, scoring);
    }

    private static SearchResult search(SVC base, int nJobs, double sharedMb, int cv, String scoring) {
        GridSearchCV gs = new GridSearchCV(base, GRID).cv(cv).nJobs(nJobs).sharedWorkMb(sharedMb);
        return (scoring == null ? gs : gs.scoring(scoring)).fit(DATA.x(), DATA.y());
    }

    private static void assertSameResult(SearchResult a, SearchResult b, String what) {
        assertArrayEquals(a.cvResults().testScores(), b.cvResults().testScores(), what + ": split test scores");
        assertArrayEquals(a.cvResults().rankTestScore(), b.cvResults().rankTestScore(), what + ": ranks");
        assertEquals(a.bestParams(), b.bestParams(), what + ": best params");
        SVCModel ma = (SVCModel) a.bestModel();
        SVCModel mb = (SVCModel) b.bestModel();
        assertArrayEquals(ma.dualCoef().data(), mb.dualCoef().data(), what + ": refit dual_coef");
        assertArrayEquals(ma.intercept(), mb.intercept(), what + ": refit intercept");
        assertArrayEquals(ma.probA(), mb.probA(), what + ": refit probA");
        assertArrayEquals(ma.probB(), mb.probB(), what + ": refit probB");
        Matrix probe = DATA.x().rowRange(0, 20);
        assertArrayEquals(ma.predictProba(probe).data(), mb.predictProba(probe).data(), what + ": predict_proba");
    }

    /**
     * With the default scoring the fold models skip the calibration, so only the refit shares it; neg_log_loss reads
     * the fold models' probabilities, so their calibrations read the shared matrix too.
     */
    @Test
    void sharingChangesNoResultForAnyNJobsOrBudget() {
        assertSharingChangesNoResult(BASE);
    }

    @Test
    void sharingChangesNoResultForAnyNJobsOrBudgetOnTheSimdBackend() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        assertSharingChangesNoResult(BASE.backend(Backends.byName("simd")));
    }

    private static void assertSharingChangesNoResult(SVC base) {
        long rowBytes = 300L * Float.BYTES + 16;
        double boundedMb = 200.0 * rowBytes / (1 << 20); // the first kernel gets 100 of 300 rows, the second 50
        for (String scoring : new String[] {null, "neg_log_loss"}) {
            for (int cv : new int[] {2, 3}) {
                SearchResult unshared = search(base, 1, 0, cv, scoring);
                for (int nJobs : new int[] {1, 2, -1}) {
                    String what = base.backend().name() + " scoring=" + scoring + " cv=" + cv;
                    assertSameResult(unshared, search(base, nJobs, 0, cv, scoring), what + " unshared n_jobs=" + nJobs);
                    assertSameResult(unshared, search(base, nJobs, 64, cv, scoring), what + " shared n_jobs=" + nJobs);
                    assertSameResult(unshared, search(base, nJobs, boundedMb, cv, scoring),
                            what + " bounded n_jobs=" + nJobs);
                }
            }
        }
    }

    /** SVC that records the scope each fit gets, how much of the budget was reserved, and can fail or wait. */
    private static final class Recording implements ClassifierEstimator {
        final SVC svc;
        final List<SharedWork> scopes;
        final AtomicLong maxReserved;
        final CountDownLatch started;
        final boolean failOnPoly;
        final long sleepMs;

        Recording(SVC svc, List<SharedWork> scopes, AtomicLong maxReserved, CountDownLatch started, boolean failOnPoly,
                  long sleepMs) {
            this.svc = svc;
            this.scopes = scopes;
            this.maxReserved = maxReserved;
            this.started = started;
            this.failOnPoly = failOnPoly;
            this.sleepMs = sleepMs;
        }

        Recording with(SVC s) {
            return new Recording(s, scopes, maxReserved, started, failOnPoly, sleepMs);
        }

        @Override
        public Map<String, Object> getParams() {
            return svc.getParams();
        }

        @Override
        public Recording withParams(Map<String, ?> params) {
            return with(svc.withParams(params));
        }

        @Override
        public Recording threads(int n) {
            return with(svc.threads(n));
        }

        @Override
        public Recording sharing(SharedWork work) {
            return with(svc.sharing(work));
        }

        @Override
        public Classifier fit(Matrix x, int[] y) {
            started.countDown();
            SharedWork w = svc.sharedWork();
            if (w != null) {
                scopes.add(w);
            }
            if (sleepMs > 0) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            if (failOnPoly && svc.kernel() == SVC.Kernel.POLY) {
                throw new IllegalStateException("this candidate fails");
            }
            Classifier m = svc.fit(x, y);
            if (w != null) {
                maxReserved.accumulateAndGet(w.reservedBytes(), Math::max);
            }
            return m;
        }
    }

    private static Recording recording(boolean failOnPoly, long sleepMs, CountDownLatch started) {
        return new Recording(BASE, Collections.synchronizedList(new ArrayList<>()), new AtomicLong(), started,
                failOnPoly, sleepMs);
    }

    private static void assertReleased(List<SharedWork> scopes) {
        assertFalse(scopes.isEmpty(), "the fits got the search's scope");
        for (SharedWork w : scopes) {
            assertTrue(w.isClosed(), "closed when the search ended");
            assertEquals(0, w.resourceCount(), "no kernel matrix is held");
            assertEquals(0, w.reservedBytes(), "the budget is given back");
        }
    }

    @Test
    void theSharedWorkIsReleasedWhenTheSearchEndsAndStaysWithinItsBudget() {
        for (double mb : new double[] {64, 0.5}) {
            Recording r = recording(false, 0, new CountDownLatch(1));
            SearchResult res = new GridSearchCV(r, GRID).cv(2).nJobs(2).sharedWorkMb(mb).fit(DATA.x(), DATA.y());
            assertEquals(1, r.scopes.stream().distinct().count(), "one scope for the whole search, refit included");
            assertEquals(9, r.scopes.size(), "8 fits and the refit");
            assertTrue(r.maxReserved.get() > 0, "kernel matrices were shared");
            assertTrue(r.maxReserved.get() <= (long) (mb * (1 << 20)), "within the budget");
            assertReleased(r.scopes);
            assertTrue(((SVCModel) res.bestModel()).params().sharedWork() == null, "the best model keeps no scope");
        }
    }

    @Test
    void theSharedWorkIsReleasedWhenTheSearchFails() {
        Recording r = recording(true, 0, new CountDownLatch(1));
        GridSearchCV gs = new GridSearchCV(r, GRID).cv(2).nJobs(2).errorScoreRaise();
        assertThrows(IllegalStateException.class, () -> gs.fit(DATA.x(), DATA.y()));
        assertReleased(r.scopes);
    }

    @Test
    void theSharedWorkIsReleasedWhenTheSearchIsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Recording r = recording(false, 2000, started);
        SearchRun run = new GridSearchCV(r, GRID).cv(2).nJobs(2).start(DATA.x(), DATA.y());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        run.cancel();
        assertThrows(CancellationException.class, run::await);
        assertReleased(r.scopes);
    }

    @Test
    void crossValidateSharesAndReleasesToo() {
        Recording r = recording(false, 0, new CountDownLatch(1));
        CrossValidation.Result res = CrossValidation.crossValidate(r.with(BASE.kernel("poly")), DATA.x(), DATA.y(),
                new StratifiedKFold(3), null, 2, false, ErrorScore.NAN);
        double[] unshared = CrossValidation.crossValidate(BASE.kernel("poly").sharing(SharedWork.none()), DATA.x(),
                DATA.y(), new StratifiedKFold(3), null, 1, false, ErrorScore.NAN).testScore();
        assertArrayEquals(unshared, res.testScore());
        assertReleased(r.scopes);
    }
}
