"""Times scikit-learn's KMeans (and Dask-ML's, when importable) on the Dask-ML tutorial's blobs.

The data are those of `paraml kmeans --blobs N`: block i = make_blobs(n_samples=200000,
centers=template, n_features=20, random_state=i)[0], template = the per-class means of
make_blobs(n_samples=1000, centers=12, n_features=20, random_state=0); the N blocks are stacked in
one in-memory float64 array (as scikit-learn needs them). Each run fits KMeans(n_clusters=8,
random_state=0) with the given n_init ("default": scikit-learn's own default, n_init=10 in 1.2) and
prints one JSON line: fit seconds, inertia, n_iter, peak RSS. Run with Debian's /usr/bin/python3.

usage: sklearn_kmeans_peer.py N_BLOCKS RUN [RUN ...]   RUN: sklearn:default | sklearn:1 | daskml
"""
import json
import resource
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

BLOCK_ROWS = 200_000
N_FEATURES = 20


def template():
    x_small, y_small = make_blobs(n_samples=1000, centers=12, n_features=N_FEATURES, random_state=0)
    return np.array([x_small[y_small == i].mean(0) for i in range(12)])


def blobs(n_blocks):
    centers = template()
    x = np.empty((n_blocks * BLOCK_ROWS, N_FEATURES))
    for i in range(n_blocks):
        x[i * BLOCK_ROWS:(i + 1) * BLOCK_ROWS] = make_blobs(n_samples=BLOCK_ROWS, centers=centers,
                                                            n_features=N_FEATURES, random_state=i)[0]
    return x


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    n_blocks = int(sys.argv[1])
    t0 = time.perf_counter()
    x = blobs(n_blocks)
    made = time.perf_counter() - t0
    print(json.dumps({"peer": "data", "rows": x.shape[0], "make_seconds": made, "x00": x[0, 0],
                      "sklearn": sklearn.__version__, "numpy": np.__version__}), flush=True)
    for run in sys.argv[2:]:
        if run.startswith("sklearn:"):
            n_init = run.split(":", 1)[1]
            kw = {} if n_init == "default" else {"n_init": int(n_init)}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                km = KMeans(n_clusters=8, random_state=0, **kw)
                t0 = time.perf_counter()
                km.fit(x)
                fit = time.perf_counter() - t0
            print(json.dumps({"peer": "sklearn", "n_init": km._n_init if hasattr(km, "_n_init") else n_init,
                              "init": "k-means++", "fit_seconds": fit, "inertia": float(km.inertia_),
                              "n_iter": int(km.n_iter_), "peak_rss_mb": peak_rss_mb()}), flush=True)
        elif run == "daskml":
            try:
                import dask.array as da
                from dask_ml.cluster import KMeans as DaskKMeans
            except ImportError as e:
                print(json.dumps({"peer": "dask-ml", "skipped": "import failed: %s" % e}), flush=True)
                continue
            xd = da.from_array(x, chunks=(BLOCK_ROWS, N_FEATURES))
            km = DaskKMeans(n_clusters=8, init_max_iter=3, oversampling_factor=10, random_state=0)
            t0 = time.perf_counter()
            km.fit(xd)
            fit = time.perf_counter() - t0
            print(json.dumps({"peer": "dask-ml", "fit_seconds": fit, "inertia": float(km.inertia_),
                              "n_iter": int(km.n_iter_), "peak_rss_mb": peak_rss_mb()}), flush=True)
        else:
            raise SystemExit("unknown run " + run)


if __name__ == "__main__":
    main()
