package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.data.Npy;
import org.paraml.estimator.NearestCentroid;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.svm.SVC;
import org.paraml.testing.JsonArrays;

class SearchCommandTest {
    private static final Dataset DATA = new MakeClassification().nSamples(150).nFeatures(4).randomState(3).generate();

    @TempDir
    static Path dir;
    private static Path x;
    private static Path y;

    @BeforeAll
    static void data() throws Exception {
        EstimatorRegistry.register("centroid", NearestCentroid::new);
        x = dir.resolve("X.npy");
        y = dir.resolve("y.npy");
        Npy.write(x, DATA.x());
        Npy.write(y, DATA.y());
    }

    private static double[] doubles(JsonNode a) {
        return JsonArrays.doubles(a);
    }

    @Test
    void jsonCarriesTheSearchResultsAndFailures() throws Exception {
        CliRunner r = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "centroid",
                "--grid", "shrink=0,0.5,0.95", "--set", "fail_above=0.9", "--cv", "3", "--n-jobs", "2", "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        JsonNode j = r.json();
        SearchResult api = new GridSearchCV(new NearestCentroid().withParams(Map.of("fail_above", 0.9)),
                Map.of("shrink", List.of(0, 0.5, 0.95))).cv(3).fit(DATA.x(), DATA.y());
        assertEquals(api.bestScore(), j.get("best_score").doubleValue());
        assertEquals(api.bestParams().get("shrink"), j.get("best_params").get("shrink").numberValue());
        JsonNode cvr = j.get("cv_results");
        assertEquals(3, cvr.get("params").size());
        double[] mean = doubles(cvr.get("mean_test_score"));
        assertEquals(api.cvResults().meanTestScore()[0], mean[0]);
        assertTrue(Double.isNaN(mean[2]), "the failing candidate is NaN: " + cvr.get("mean_test_score"));
        assertEquals(3, cvr.get("rank_test_score").get(2).intValue());
        assertEquals(3, cvr.get("split2_test_score").size());
        assertEquals(3, cvr.get("mean_fit_time").size());
        assertTrue(j.get("seconds").doubleValue() > 0);
        assertEquals(3, j.get("fit_failures").size());
        assertTrue(j.get("fit_failures").get(0).get("error").asText().contains("shrink=0.95 is above"));
        assertTrue(r.err().contains("search: 9/9 fits"), r.err());
    }

    @Test
    void humanOutputHasTheVerboseLinesAndATable() {
        CliRunner r = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "centroid",
                "--grid", "shrink=0.0,0.5", "--cv", "2", "--verbose", "2");
        assertEquals(ExitCode.OK, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("Fitting 2 folds for each of 2 candidates, totalling 4 fits", lines[0]);
        for (int i = 1; i <= 4; i++) {
            assertTrue(lines[i].startsWith("[CV] END ....") && lines[i].length() == 80, lines[i]);
        }
        assertTrue(r.out().contains("rank  mean_test_score"), r.out());
        assertTrue(r.out().contains("best: shrink="), r.out());
    }

    @Test
    void svcSearchEndToEnd() throws Exception {
        CliRunner r = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C=0.1,1", "--grid", "kernel=rbf,linear", "--set", "gamma=scale", "--cv", "3",
                "--scoring", "roc_auc", "--n-jobs", "-1", "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        SearchResult api = new GridSearchCV(new SVC(), Map.of("C", List.of(0.1, 1), "kernel", List.of("rbf", "linear")))
                .cv(3).scoring("roc_auc").fit(DATA.x(), DATA.y());
        JsonNode j = r.json();
        double[] mean = doubles(j.get("cv_results").get("mean_test_score"));
        for (int i = 0; i < 4; i++) {
            assertEquals(api.cvResults().meanTestScore()[i], mean[i]);
        }
        assertEquals("roc_auc", j.get("scoring").asText());
        assertEquals(api.bestParams().get("kernel"), j.get("best_params").get("kernel").asText());
    }

    @Test
    void aJournalResumesAndAForeignJournalIsABadInput() throws Exception {
        Path journal = dir.resolve("cli.jsonl");
        String[] args = {"search", "--x", x.toString(), "--y", y.toString(), "--estimator", "centroid",
                "--grid", "shrink=0.1,0.2", "--cv", "2", "--journal", journal.toString(), "--json"};
        CliRunner first = CliRunner.run(args);
        assertEquals(ExitCode.OK, first.status(), first.err());
        assertEquals(5, Files.readAllLines(journal).size());
        CliRunner again = CliRunner.run(args);
        assertEquals(first.json().get("cv_results").get("split1_test_score"),
                again.json().get("cv_results").get("split1_test_score"));
        CliRunner other = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "centroid",
                "--grid", "shrink=0.3", "--cv", "2", "--journal", journal.toString());
        assertEquals(ExitCode.BAD_INPUT, other.status(), other.err());
        assertTrue(other.err().contains("--journal") && other.err().contains(journal.toString())
                && other.err().contains("different search"), other.err());
    }

    @Test
    void badCommandLinesAreUsageErrorsThatNameTheProblem() {
        CliRunner unknown = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "forest");
        assertEquals(ExitCode.USAGE, unknown.status());
        assertTrue(unknown.err().contains("'forest'") && unknown.err().contains("svc"), unknown.err());

        CliRunner badGrid = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C");
        assertEquals(ExitCode.USAGE, badGrid.status());
        assertTrue(badGrid.err().contains("--grid"), badGrid.err());

        CliRunner badName = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "c=1,2", "--cv", "2");
        assertEquals(ExitCode.USAGE, badName.status());
        assertTrue(badName.err().contains("Invalid parameter 'c' for estimator SVC()"), badName.err());

        CliRunner noY = CliRunner.run("search", "--x", x.toString(), "--estimator", "svc", "--grid", "C=1");
        assertEquals(ExitCode.USAGE, noY.status());
        assertTrue(noY.err().contains("--y"), noY.err());

        CliRunner missing = CliRunner.run("search", "--x", dir.resolve("nope.npy").toString(), "--y", y.toString(),
                "--estimator", "svc");
        assertEquals(ExitCode.BAD_INPUT, missing.status());

        CliRunner allFail = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "centroid",
                "--grid", "shrink=0.5", "--set", "fail_above=0.1", "--cv", "2");
        assertEquals(ExitCode.FAILURE, allFail.status());
        assertTrue(allFail.err().contains("All the 2 fits failed."), allFail.err());
        assertFalse(allFail.err().contains("\tat org.paraml.selection.SearchEngine"), "no stack trace of the search");
    }

    /**
     * A --scoring that cannot score these labels (a binary-only scorer on three classes, pos_label=1
     * absent, a label scorer on a clusterer) would make every score NaN, as scikit-learn records it;
     * the command line says so once, naming --scoring, instead of running the search.
     */
    @Test
    void scoringThatCannotScoreTheLabelsIsAUsageError() throws Exception {
        Dataset three = new MakeClassification().nSamples(90).nFeatures(5).nInformative(3).nClasses(3).randomState(3)
                .generate();
        Path x3 = dir.resolve("X3.npy");
        Path y3 = dir.resolve("y3.npy");
        Npy.write(x3, three.x());
        Npy.write(y3, three.y());
        for (String s : new String[] {"f1", "precision", "recall", "roc_auc"}) {
            CliRunner r = CliRunner.run("search", "--x", x3.toString(), "--y", y3.toString(), "--estimator", "centroid",
                    "--grid", "shrink=0,0.5", "--cv", "3", "--scoring", s);
            assertEquals(ExitCode.USAGE, r.status(), s + ": " + r.err());
            assertTrue(r.err().contains("invalid value for option '--scoring': " + s + " scores two classes")
                    && r.err().contains("holds 3 classes [0, 1, 2]"), r.err());
            assertFalse(r.err().contains("Scoring failed"), "no fit ran: " + r.err());
        }
        CliRunner macro = CliRunner.run("search", "--x", x3.toString(), "--y", y3.toString(), "--estimator", "centroid",
                "--grid", "shrink=0,0.5", "--cv", "3", "--scoring", "f1_macro");
        assertEquals(ExitCode.OK, macro.status(), macro.err());

        int[] labels02 = DATA.y().clone();
        for (int i = 0; i < labels02.length; i++) {
            labels02[i] *= 2;
        }
        Path y02 = dir.resolve("y02.npy");
        Npy.write(y02, labels02);
        CliRunner pos = CliRunner.run("search", "--x", x.toString(), "--y", y02.toString(), "--estimator", "centroid",
                "--grid", "shrink=0,0.5", "--cv", "3", "--scoring", "f1");
        assertEquals(ExitCode.USAGE, pos.status(), pos.err());
        assertTrue(pos.err().contains("pos_label=1") && pos.err().contains("[0, 2]"), pos.err());
        CliRunner auc = CliRunner.run("search", "--x", x.toString(), "--y", y02.toString(), "--estimator", "centroid",
                "--grid", "shrink=0,0.5", "--cv", "3", "--scoring", "roc_auc");
        assertEquals(ExitCode.OK, auc.status(), "roc_auc takes the greater label as positive: " + auc.err());

        CliRunner clusterer = CliRunner.run("search", "--x", x.toString(), "--estimator", "kmeans",
                "--grid", "n_clusters=2,3", "--cv", "3", "--scoring", "accuracy");
        assertEquals(ExitCode.USAGE, clusterer.status(), clusterer.err());
        assertTrue(clusterer.err().contains("invalid value for option '--scoring': accuracy")
                && clusterer.err().contains("kmeans is not a classifier"), clusterer.err());
    }

    /** The splitter's refusals (too few rows, every class smaller than --cv) name --cv and its value. */
    @Test
    void aCvTheDataCannotSplitNamesTheOption() throws Exception {
        Path x8 = dir.resolve("X8.npy");
        Path y8 = dir.resolve("y8.npy");
        Npy.write(x8, DATA.x().selectRows(new int[] {0, 1, 2, 3, 4, 5, 6, 7}));
        Npy.write(y8, new int[] {0, 1, 0, 1, 0, 1, 0, 1});
        CliRunner tooFewRows = CliRunner.run("search", "--x", x8.toString(), "--y", y8.toString(), "--estimator",
                "centroid", "--grid", "shrink=0,0.5", "--cv", "9");
        assertEquals(ExitCode.USAGE, tooFewRows.status(), tooFewRows.err());
        assertTrue(tooFewRows.err().contains("invalid value for option '--cv': 9")
                && tooFewRows.err().contains("n_splits=9 greater than the number of samples: n_samples=8"),
                tooFewRows.err());
        CliRunner smallClasses = CliRunner.run("search", "--x", x8.toString(), "--y", y8.toString(), "--estimator",
                "centroid", "--grid", "shrink=0,0.5", "--cv", "5");
        assertEquals(ExitCode.USAGE, smallClasses.status(), smallClasses.err());
        assertTrue(smallClasses.err().contains("invalid value for option '--cv': 5")
                && smallClasses.err().contains("n_splits=5 cannot be greater than the number of members in each class"),
                smallClasses.err());
    }

    @Test
    void valuesAreTypedAsPythonLiterals() {
        assertEquals(10, ParamValues.parse("10"));
        assertEquals(0.1, ParamValues.parse("0.1"));
        assertEquals(1e-3, ParamValues.parse("1e-3"));
        assertEquals(Boolean.TRUE, ParamValues.parse("True"));
        assertEquals(null, ParamValues.parse("none"));
        assertEquals("rbf", ParamValues.parse("rbf"));
        assertEquals(5_000_000_000L, ParamValues.parse("5000000000"));
        assertEquals(Double.POSITIVE_INFINITY, ParamValues.parse("inf"));
    }

    @Test
    void helpListsTheSearchCommand() {
        CliRunner r = CliRunner.run("search", "--help");
        assertEquals(ExitCode.OK, r.status());
        assertTrue(r.out().contains("paraml search") && r.out().contains("--grid"), r.out());
        assertTrue(CliRunner.run("--help").out().contains("search"));
    }
}
