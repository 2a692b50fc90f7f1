package org.paraml.bench;

import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.paraml.linalg.Matrix;

/**
 * Tribuo's KMeans (org.tribuo:tribuo-clustering-kmeans, Apache 2.0) as a Java peer: the rows as a
 * Tribuo dataset of dense examples, a {@link KMeansTrainer} with 8 centroids, k-means++, Euclidean
 * distance, at most 300 iterations, seed 0 and the given threads. {@link #fit()} trains once and returns
 * the inertia (squared distances of the rows to their nearest Tribuo centroid, summed here).
 */
final class TribuoPeer {
    private final MutableDataset<ClusterID> data;
    private final List<Matrix> parts;
    private final int threads;

    TribuoPeer(List<Matrix> parts, int threads) {
        this.parts = parts;
        this.threads = threads;
        ClusteringFactory factory = new ClusteringFactory();
        data = new MutableDataset<>(new SimpleDataSourceProvenance("tutorial blobs", factory), factory);
        int d = parts.get(0).cols();
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = String.format("f%02d", j);
        }
        for (Matrix m : parts) {
            for (int i = 0; i < m.rows(); i++) {
                data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, m.row(i)));
            }
        }
    }

    double fit() {
        KMeansTrainer trainer = new KMeansTrainer(8, 300, KMeansTrainer.Distance.EUCLIDEAN,
                KMeansTrainer.Initialisation.PLUSPLUS, threads, 0L);
        KMeansModel model = trainer.train(data);
        DenseVector[] c = model.getCentroidVectors();
        double inertia = 0.0;
        for (Matrix m : parts) {
            for (int i = 0; i < m.rows(); i++) {
                double[] x = m.row(i);
                double best = Double.POSITIVE_INFINITY;
                for (DenseVector v : c) {
                    double s = 0.0;
                    for (int j = 0; j < x.length; j++) {
                        double t = x[j] - v.get(j);
                        s += t * t;
                    }
                    best = Math.min(best, s);
                }
                inertia += best;
            }
        }
        System.out.println("tribuo inertia " + inertia);
        return inertia;
    }
}
