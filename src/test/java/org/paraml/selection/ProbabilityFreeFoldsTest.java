package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.backend.ScalarBackend;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.estimator.Classifier;
import org.paraml.estimator.ClassifierEstimator;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;

/**
 * A search whose scorer reads no probabilities fits its fold models without the probability model
 * ({@code SVC(probability=True)}'s internal 5-fold calibration), and gets the same cv_results as when every fold
 * fits it; the refitted best model still has its probabilities. A scorer that reads probabilities, or one of
 * the caller's own, gets fold models with them.
 */
class ProbabilityFreeFoldsTest {
    private static final Dataset DATA = new MakeClassification().nSamples(240).nFeatures(4).randomState(3).generate();
    private static final Map<String, List<?>> GRID = Map.of("C", List.of(0.1, 10.0), "kernel", List.of("rbf", "poly"));
    private static final SVC BASE = new SVC().gamma("auto").probability(true).randomState(0L)
            .backend(new ScalarBackend());

    /** SVC that records, for each fit, whether it fitted the probability model. */
    private record Recording(SVC svc, List<Boolean> fits) implements ClassifierEstimator {
        @Override
        public Map<String, Object> getParams() {
            return svc.getParams();
        }

        @Override
        public Recording withParams(Map<String, ?> params) {
            return new Recording(svc.withParams(params), fits);
        }

        @Override
        public Recording threads(int n) {
            return new Recording(svc.threads(n), fits);
        }

        @Override
        public Recording sharing(SharedWork work) {
            return new Recording(svc.sharing(work), fits);
        }

        @Override
        public Recording withoutProbabilityModel() {
            return new Recording(svc.withoutProbabilityModel(), fits);
        }

        @Override
        public Classifier fit(Matrix x, int[] y) {
            fits.add(svc.probability());
            return svc.fit(x, y);
        }
    }

    private static Recording recording() {
        return new Recording(BASE, Collections.synchronizedList(new ArrayList<>()));
    }

    /** The fits of a 4-candidate, 3-fold search: 12 fold fits, then the refit. */
    private static List<Boolean> foldFits(Recording r) {
        assertEquals(13, r.fits().size(), "12 fold fits and the refit");
        return r.fits().subList(0, 12);
    }

    @Test
    void accuracyAndRocAucFoldsSkipTheCalibrationAndScoreTheSame() {
        for (String scoring : new String[] {null, "roc_auc", "f1"}) {
            for (int nJobs : new int[] {1, 2}) {
                Recording skipping = recording();
                GridSearchCV gs = new GridSearchCV(skipping, GRID).cv(3).nJobs(nJobs);
                gs = scoring == null ? gs : gs.scoring(scoring);
                SearchResult r = gs.fit(DATA.x(), DATA.y());
                String what = "scoring=" + scoring + " n_jobs=" + nJobs;
                assertEquals(Collections.nCopies(12, false), foldFits(skipping), what + ": fold fits");
                assertEquals(true, skipping.fits().get(12), what + ": the refit keeps probability=True");
                SVCModel best = (SVCModel) r.bestModel();
                assertEquals(1, best.probA().length, what + ": the refitted model has its sigmoid");

                // the same search with a scorer of the caller's own, which may read probabilities: every fold
                // fits the calibration, and the scores are the very same numbers
                Scorer named = scoring == null ? Scorers.modelScore() : Scorers.get(scoring);
                Scorer own = named::score;
                Recording full = recording();
                SearchResult f = new GridSearchCV(full, GRID).cv(3).nJobs(nJobs).scoring(own).fit(DATA.x(), DATA.y());
                assertEquals(Collections.nCopies(12, true), foldFits(full), what + ": own scorer's fold fits");
                assertArrayEquals(f.cvResults().testScores(), r.cvResults().testScores(), what + ": split scores");
                assertArrayEquals(f.cvResults().rankTestScore(), r.cvResults().rankTestScore(), what + ": ranks");
                assertEquals(f.bestParams(), r.bestParams(), what + ": best params");
                assertArrayEquals(((SVCModel) f.bestModel()).probA(), best.probA(), what + ": refit probA");
            }
        }
    }

    @Test
    void negLogLossFoldsFitTheCalibration() {
        Recording rec = recording();
        SearchResult r = new GridSearchCV(rec, GRID).cv(3).nJobs(2).scoring("neg_log_loss").fit(DATA.x(), DATA.y());
        assertEquals(Collections.nCopies(12, true), foldFits(rec));
        for (double s : r.cvResults().meanTestScore()) {
            assertTrue(s < 0 && s > -1, "a finite log loss: " + s);
        }
    }

    @Test
    void crossValidateSkipsItToo() {
        Recording rec = recording();
        double[] scores = CrossValidation.crossValScore(rec, DATA.x(), DATA.y(), new StratifiedKFold(4), "accuracy", 2);
        assertEquals(Collections.nCopies(4, false), rec.fits());
        Recording full = recording();
        Scorer own = Scorers.get("accuracy")::score;
        double[] fullScores = new double[4];
        List<Split> splits = new StratifiedKFold(4).split(DATA.x().rows(), DATA.y());
        for (int i = 0; i < 4; i++) {
            Split s = splits.get(i);
            int[] yTrain = java.util.Arrays.stream(s.train()).map(k -> DATA.y()[k]).toArray();
            int[] yTest = java.util.Arrays.stream(s.test()).map(k -> DATA.y()[k]).toArray();
            fullScores[i] = own.score(full.fit(DATA.x().selectRows(s.train()), yTrain), DATA.x().selectRows(s.test()),
                    yTest);
        }
        assertEquals(Collections.nCopies(4, true), full.fits());
        assertArrayEquals(fullScores, scores);
    }
}
