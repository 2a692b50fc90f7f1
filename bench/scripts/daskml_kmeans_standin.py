"""A stand-in for Dask-ML's KMeans, for machines where `import dask_ml` fails.

Debian packages dask 2022.12, distributed, numba and scikit-learn 1.2, but not dask-ml, and PyPI is not
reachable from the machines ParaML is benchmarked on. This script runs Dask-ML's KMeans *algorithm* with
those packages, step for step as `dask_ml/cluster/k_means.py` does it (read at commit 027c978 of
github.com/dask/dask-ml), written anew; it is not the dask_ml package, and its time only stands in for it:

- the fit first checks the whole array for NaN and infinity (one pass, as Dask-ML's `_check_array`);
- k-means||: the first centre is row 0; the cost is the sum over rows of the squared distance to the
  nearest centre (scikit-learn's `pairwise_distances` per block, then the row minimum, squared);
  round count min(init_max_iter, round(log(cost))); each round recomputes every row's distance to *all*
  centres so far, samples each row with probability oversampling_factor * d^2 / cost against a
  `dask.array.random.RandomState` uniform draw, and gathers the picked rows; the candidates are then
  reduced, unweighted, by scikit-learn's `KMeans(n_clusters, random_state=<a draw of that RandomState>)`
  (n_init 10 in 1.2); with fewer candidates than clusters, random rows are added;
- Lloyd: per block scikit-learn's `pairwise_distances_argmin_min` (squared), the per-centre sums by a
  numba loop per block added up, `bincount` for the counts (at least 1), until the squared shift of the
  centres (absolute, not scaled by the variance) is below tol; then, if the last shift was above 1e-7, the
  labels and distances once more against the final centres (Dask-ML reads that pass's Euclidean, not
  squared, distances as the inertia; this script reports that number as `daskml_inertia` and also the
  sum of squared distances, `inertia`, computed after the timed fit);
- the fit ends by computing `inertia_` (which runs the last distance pass again; the labels stay lazy).

The data are the Dask-ML tutorial's: block i = make_blobs(n_samples=block_rows, centers=template,
n_features=20, random_state=i)[0] made by dask.delayed and persisted before the fit, on a
`dask.distributed.Client()` (a local cluster, as the tutorial makes one) or the threaded scheduler.

usage: daskml_kmeans_standin.py N_BLOCKS [--block-rows 200000] [--scheduler distributed|threads] [--random-state 0]
Prints one JSON line. Run with Debian's /usr/bin/python3.
"""
import argparse
import json
import math
import resource
import time

import dask
import dask.array as da
import numba
import numpy as np
import sklearn
import sklearn.cluster
from sklearn import metrics
from sklearn.datasets import make_blobs

N_FEATURES = 20
N_CLUSTERS = 8
INIT_MAX_ITER = 3
OVERSAMPLING_FACTOR = 10
MAX_ITER = 300
TOL = 1e-4


def template():
    x_small, y_small = make_blobs(n_samples=1000, centers=12, n_features=N_FEATURES, random_state=0)
    return np.array([x_small[y_small == i].mean(0) for i in range(12)])


def tutorial_blobs(n_blocks, block_rows):
    centers = template()
    blocks = [dask.delayed(make_blobs)(n_samples=block_rows, centers=centers, n_features=N_FEATURES,
                                       random_state=i)[0] for i in range(n_blocks)]
    return da.concatenate([da.from_delayed(b, shape=(block_rows, N_FEATURES), dtype=np.float64) for b in blocks])


def distances_to(x, centers):
    """Each row's Euclidean distances to the centres, block by block (n x k)."""
    return x.map_blocks(metrics.pairwise_distances, centers, dtype=float,
                        chunks=(x.chunks[0], (len(centers),)), metric="euclidean")


def argmin_min(x, centers, squared):
    """Per block scikit-learn's pairwise_distances_argmin_min: (labels, distances) as dask arrays."""
    fn = dask.delayed(metrics.pairwise_distances_argmin_min, pure=True, nout=2)
    kwargs = {"squared": True} if squared else None
    parts = [fn(b, centers, metric="euclidean", metric_kwargs=kwargs) for b in x.to_delayed().flatten().tolist()]
    labels = da.concatenate([da.from_delayed(p[0], (n,), np.int64) for p, n in zip(parts, x.chunks[0])])
    dists = da.concatenate([da.from_delayed(p[1], (n,), "f8") for p, n in zip(parts, x.chunks[0])])
    return labels, dists


@numba.njit(nogil=True, fastmath=True)
def block_sums(x, labels, k):
    sums = np.zeros((k, x.shape[1]), dtype=np.float64)
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            sums[labels[i], j] += x[i, j]
    return sums


def k_means_parallel_init(x, seed):
    rs = da.random.RandomState(seed)
    chosen = {0}
    centers = da.compute(x[0, np.newaxis])[0]
    (cost,) = dask.compute((distances_to(x, centers).min(1) ** 2).sum())
    rounds = 0 if cost == 0 else int(np.round(np.log(cost)))
    rounds = min(INIT_MAX_ITER, rounds)
    for _ in range(rounds):
        d2 = distances_to(x, centers).min(1) ** 2
        p = OVERSAMPLING_FACTOR * d2 / d2.sum()
        draws = rs.uniform(size=len(p), chunks=p.chunks)
        (picked,) = da.where(p > draws)
        chosen |= set(*dask.compute(picked))
        centers = x[sorted(chosen)].compute()
    if len(centers) < N_CLUSTERS:
        extra = sorted(rs.choice(np.arange(len(x)), size=N_CLUSTERS - len(centers), replace=False, chunks=len(x)))
        return np.vstack([centers, x[extra].compute()]), len(chosen)
    seed2 = rs.randint(0, np.iinfo("i4").max - 1, chunks=()).compute(scheduler="single-threaded").item()
    km = sklearn.cluster.KMeans(N_CLUSTERS, random_state=seed2)
    km.fit(centers)
    return km.cluster_centers_, len(chosen)


def fit(x, seed):
    bad = (da.isnull(x).any(), da.isinf(x).any())
    if any(*dask.compute(bad)):
        raise ValueError("Input contains NaN or infinity")
    centers, candidates = k_means_parallel_init(x, seed)
    p = x.shape[1]
    shift = math.inf
    for it in range(MAX_ITER):
        labels, dists = argmin_min(x, centers, squared=True)
        labels = labels.astype(np.int32)
        sums = da.blockwise(block_sums, "ij", x, "ij", labels, "i", N_CLUSTERS, None, "i",
                            adjust_chunks={"i": N_CLUSTERS, "j": p}, dtype=x.dtype)
        total = da.from_delayed(sum(sums.to_delayed().flatten()), (N_CLUSTERS, p), x.dtype)
        counts = da.maximum(da.bincount(labels, minlength=N_CLUSTERS), 1)
        (new_centers,) = dask.compute(total / counts[:, None])
        shift = float(((centers - new_centers) ** 2).sum())
        if shift < TOL:
            break
        centers = new_centers
    if shift > 1e-7:
        labels, dists = argmin_min(x, centers, squared=False)
    daskml_inertia = dists.sum().compute().item()
    return centers, daskml_inertia, it + 1, candidates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n_blocks", type=int)
    ap.add_argument("--block-rows", type=int, default=200_000)
    ap.add_argument("--scheduler", choices=("distributed", "threads"), default="distributed")
    ap.add_argument("--random-state", type=int, default=0)
    a = ap.parse_args()
    client = None
    if a.scheduler == "distributed":
        from dask.distributed import Client
        client = Client()
    try:
        t0 = time.perf_counter()
        x = tutorial_blobs(a.n_blocks, a.block_rows).persist()
        if client is not None:
            from dask.distributed import wait
            wait(x)  # the blocks are made and held by the workers before the fit, as in the tutorial
        made = time.perf_counter() - t0
        t0 = time.perf_counter()
        centers, daskml_inertia, n_iter, candidates = fit(x, a.random_state)
        seconds = time.perf_counter() - t0
        _, d2 = argmin_min(x, centers, squared=True)
        inertia = d2.sum().compute().item()
        workers = (len(client.scheduler_info()["workers"]) if client else None)
        print(json.dumps({"peer": "dask-ml-standin", "rows": int(x.shape[0]), "scheduler": a.scheduler,
                          "workers": workers, "make_seconds": made, "fit_seconds": seconds,
                          "inertia": inertia, "daskml_inertia": daskml_inertia, "n_iter": n_iter,
                          "candidates": candidates, "dask": dask.__version__, "numba": numba.__version__,
                          "sklearn": sklearn.__version__,
                          "peak_rss_mb_client": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}),
              flush=True)
    finally:
        if client is not None:
            client.close()


if __name__ == "__main__":
    main()
