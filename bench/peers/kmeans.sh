# The KMeans workload of bench/peers.sh (sourced; see peers/svc.sh for the contract).
# ParaML's side is KMeansFitBenchmark at 2,000,000 rows of the tutorial's blobs held in RAM (the fit,
# its Lloyd pass and the memory read/sum passes over the same blocks, Tribuo's KMeans as the Java peer
# in the same JVM); the non-JVM peer is scikit-learn's in-memory KMeans(n_clusters=8, random_state=0)
# on the same rows, with its default n_init (10 in 1.2) and with n_init=1, KMEANS_SKLEARN_RUNS times
# each (default 3); and Dask-ML's KMeans(n_clusters=8, init_max_iter=3, oversampling_factor=10) algorithm,
# run by bench/scripts/daskml_kmeans_standin.py on Debian's dask (dask_ml itself is not installable here),
# on a local dask.distributed cluster with the blocks persisted, as many times. The 20M-row fit with peak
# resident sizes is bench/peers_kmeans.sh (CLI processes).
kmeans_jmh="KMeansFitBenchmark KMeansAssignBenchmark"
kmeans_jmh_args="-p rows=2000000 -p backend=simd"
kmeans_peers() {
    local out="$1" runs="${KMEANS_SKLEARN_RUNS:-3}" args=() i
    for i in $(seq 1 "$runs"); do args+=(sklearn:default); done
    for i in $(seq 1 "$runs"); do args+=(sklearn:1); done
    /usr/bin/python3 "$BENCH_DIR/scripts/sklearn_kmeans_peer.py" 10 "${args[@]}" > "$out/sklearn_kmeans.jsonl"
    # without dask (or numba) the stand-in's row is left empty instead of ending the whole workload
    for i in $(seq 1 "$runs"); do
        if ! /usr/bin/python3 "$BENCH_DIR/scripts/daskml_kmeans_standin.py" 10 >> "$out/sklearn_kmeans.jsonl" \
            2>> "$out/daskml_standin.err"; then
            echo "Dask-ML stand-in failed (see $out/daskml_standin.err); its row stays empty" >&2
            break
        fi
    done
    # medians per n_init in the format ratio_table.py reads: {case: {"median_s", "runs_s", "detail"}}
    /usr/bin/python3 - "$out/sklearn_kmeans.jsonl" "$out/sklearn_kmeans.json" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
out = {}
for case, n_init in (("fit_2m_default", 10), ("fit_2m_n_init_1", 1)):
    rs = [r for r in runs if r.get("peer") == "sklearn" and int(r["n_init"]) == n_init]
    if rs:
        times = [r["fit_seconds"] for r in rs]
        out[case] = {"median_s": statistics.median(times), "runs_s": times,
                     "detail": {"inertia": [r["inertia"] for r in rs], "n_iter": [r["n_iter"] for r in rs]}}
rs = [r for r in runs if r.get("peer") == "dask-ml-standin"]
if rs:
    times = [r["fit_seconds"] for r in rs]
    out["fit_2m_daskml_standin"] = {"median_s": statistics.median(times), "runs_s": times,
                                    "detail": {"inertia": [r["inertia"] for r in rs], "n_iter": [r["n_iter"] for r in rs],
                                               "dask": rs[0]["dask"], "scheduler": rs[0]["scheduler"]}}
json.dump(out, open(sys.argv[2], "w"), indent=1)
for case, v in out.items():
    print("%s: median %.2f s over %d runs, inertia %.7g" % (case, v["median_s"], len(v["runs_s"]),
                                                          v["detail"]["inertia"][0]))
PY
}
kmeans_rows="$BENCH_DIR/peers/kmeans.rows"
