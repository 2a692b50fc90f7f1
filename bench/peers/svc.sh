# The SVC workload of bench/peers.sh (sourced). A workload defines:
#   <name>_jmh       JMH include regexes (space-separated) of ParaML's side, and the libsvm Java peer
#   <name>_jmh_args  extra JMH arguments (e.g. -p restrictions), may be empty
#   <name>_peers     a function that runs the non-JVM peers and writes JSON files into $1
#   <name>_rows      the rows of the ratio table (file bench/peers/<name>.rows)
svc_jmh="SvcFitBenchmark SvcFitLargeBenchmark SvcFitLargeLibsvmBenchmark GridSearchBenchmark"
svc_jmh_args=""
svc_peers() {
    local out="$1"
    /usr/bin/python3 "$BENCH_DIR/sklearn_svc.py" --cases "${SVC_SKLEARN_CASES:-fit_tutorial,fit_large,grid_tutorial,grid_large}" \
        --runs "${SKLEARN_RUNS:-5}" --runs-large "${SKLEARN_RUNS_LARGE:-3}" --out "$out/sklearn_svc.json"
}
svc_rows="$BENCH_DIR/peers/svc.rows"
