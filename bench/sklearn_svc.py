#!/usr/bin/python3
"""scikit-learn's side of the SVC benchmarks (run with Debian's /usr/bin/python3, which has sklearn).

Times, on make_classification(n_samples, n_features, random_state=0) as ParaML's benchmarks make it:
  fit_tutorial   SVC(random_state=0).fit on 10,000 x 4
  fit_large      SVC(random_state=0).fit on 50,000 x 20
  grid_tutorial  GridSearchCV(SVC(gamma='auto', probability=True, random_state=0),
                 {'C': [0.001, 10.0], 'kernel': ['rbf', 'poly']}, cv=2, n_jobs=-1).fit on 10,000 x 4
  grid_large     the same estimator, {'C': [0.001, 0.1, 1.0, 2.5, 5, 10.0]}, cv=5, n_jobs=-1
and writes {case: {"median_s", "runs_s", "detail"}} as JSON (medians of --runs runs; a first,
untimed run warms up imports and joblib's worker pool for the searches).

usage: /usr/bin/python3 bench/sklearn_svc.py --cases fit_tutorial,grid_tutorial --runs 5 --out sk.json
"""
import argparse
import json
import os
import statistics
import sys
import time

import sklearn
from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC


def data(n, d):
    return make_classification(n_samples=n, n_features=d, random_state=0)


def fit_tutorial():
    X, y = data(10000, 4)
    def run():
        m = SVC(random_state=0).fit(X, y)
        return {"n_iter": int(m.n_iter_[0]), "n_support": [int(v) for v in m.n_support_]}
    return run


def fit_large():
    X, y = data(50000, 20)
    def run():
        m = SVC(random_state=0).fit(X, y)
        return {"n_iter": int(m.n_iter_[0]), "n_support": [int(v) for v in m.n_support_]}
    return run


def grid(param_grid, cv):
    X, y = data(10000, 4)
    est = SVC(gamma='auto', probability=True, random_state=0)
    def run():
        g = GridSearchCV(est, param_grid, cv=cv, n_jobs=-1).fit(X, y)
        return {"best_params": {k: (v if isinstance(v, str) else float(v)) for k, v in g.best_params_.items()},
                "best_score": float(g.best_score_),
                "mean_test_score": [float(v) for v in g.cv_results_["mean_test_score"]]}
    return run


CASES = {
    "fit_tutorial": fit_tutorial,
    "fit_large": fit_large,
    "grid_tutorial": lambda: grid({'C': [0.001, 10.0], 'kernel': ['rbf', 'poly']}, 2),
    "grid_large": lambda: grid({'C': [0.001, 0.1, 1.0, 2.5, 5, 10.0]}, 5),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--runs", type=int, default=5, help="timed runs per case (median reported)")
    ap.add_argument("--runs-large", type=int, default=3, help="timed runs for the *_large cases")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    out = {"_meta": {"sklearn": sklearn.__version__, "python": sys.version.split()[0],
                     "cpus": os.cpu_count()}}
    for case in a.cases.split(","):
        case = case.strip()
        if not case:
            continue
        run = CASES[case]()
        runs = a.runs_large if case.endswith("_large") else a.runs
        detail = run()  # warm-up, untimed
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            detail = run()
            times.append(time.perf_counter() - t)
        out[case] = {"median_s": statistics.median(times), "runs_s": times, "detail": detail}
        print(f"scikit-learn {case}: median {statistics.median(times):.3f} s over {runs} runs "
              f"({', '.join(f'{v:.2f}' for v in times)})", flush=True)
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
