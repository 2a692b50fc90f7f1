package example;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Dataset;
import org.paraml.data.MakeBlobs;
import org.paraml.data.MakeClassification;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;

public final class Example {
    public static void main(String[] args) {
        // X, y = make_classification(n_samples=1000, n_features=4, random_state=0)
        Dataset d = new MakeClassification().nSamples(1000).nFeatures(4).randomState(0).generate();

        // SVC(C=10, random_state=0).fit(X, y)
        SVCModel svc = new SVC().C(10).randomState(0).fit(d.x(), d.y());
        System.out.println("SVC: n_support_ = " + Arrays.toString(svc.nSupport())
                + ", accuracy = " + svc.score(d.x(), d.y()));

        // GridSearchCV(SVC(gamma='auto'), {'C': [0.1, 10], 'kernel': ['rbf', 'poly']}, cv=3, n_jobs=-1)
        SearchResult search = new GridSearchCV(new SVC().gamma("auto"),
                Map.of("C", List.of(0.1, 10.0), "kernel", List.of("rbf", "poly")))
                .cv(3).nJobs(-1).fit(d.x(), d.y());
        System.out.println("GridSearchCV: best_params_ = " + search.bestParams()
                + ", best_score_ = " + search.bestScore());

        // KMeans(n_clusters=3, random_state=0) on make_blobs(n_samples=3000, centers=3, n_features=20)
        Dataset blobs = new MakeBlobs().nSamples(3000).centers(3).nFeatures(20).randomState(0).generate();
        KMeansModel kmeans = new KMeans().nClusters(3).randomState(0).fit(blobs.x());
        System.out.println("KMeans: inertia_ = " + kmeans.inertia() + ", n_iter_ = " + kmeans.nIter());
    }
}
