#!/usr/bin/env bash
# bench/peers_kmeans.sh — ParaML's KMeans against scikit-learn's (and Dask-ML's, when it imports) on the
# Dask-ML tutorial's blobs, in one invocation on one machine, with a ratio table at the end.
#
#   bench/peers_kmeans.sh [N_BLOCKS]            default 100 blocks = 20,000,000 rows x 20 (3.2 GB)
#
# ParaML: `bin/paraml kmeans --blobs N --n-clusters 8 --init-max-iter 3 --oversampling-factor 10
#          --random-state 0 --json` under /usr/bin/time -v, PARAML_RUNS times (default 3): its
#          fit_seconds (the fit only: the blocks are made and kept or spilled before it), inertia,
#          n_iter, wall time and peak RSS; the median run is compared. Then PARAML_RAM_RUNS (default: as many)
#          runs of the same command with --memory-budget large enough to keep the blocks in memory, as both
#          peers hold theirs (skipped when they would not fit a quarter of this machine's memory, the JVM's
#          default heap): the table has a column for each.
# scikit-learn: Debian's /usr/bin/python3 (python3-sklearn 1.2) fits KMeans(n_clusters=8, random_state=0)
#          on the same rows stacked in one in-memory array, once per entry of SKLEARN_RUNS (default
#          "sklearn:default sklearn:1": scikit-learn's own default n_init=10, then n_init=1); the fit
#          alone is timed (bench/scripts/sklearn_kmeans_peer.py).
# Dask-ML: KMeans(n_clusters=8, init_max_iter=3, oversampling_factor=10) when `import dask_ml` works with
#          /usr/bin/python3. Otherwise (Debian does not package dask_ml) Dask-ML's algorithm run by
#          bench/scripts/daskml_kmeans_standin.py on Debian's dask, distributed and numba, on a local
#          dask.distributed cluster as the tutorial makes one, with the blocks persisted in its workers
#          (DASKML_STANDIN=0 skips it); its row in the table says that it is the stand-in.
#
# Environment: JAVA_HOME (the JDK bin/paraml runs on), PARAML_JAVA_OPTS, PARAML_RUNS, SKLEARN_RUNS (set it
# empty, SKLEARN_RUNS="", to run ParaML alone: no Python peers, e.g. for a peak-RSS check on another JDK),
# PYTHON (default /usr/bin/python3; plain `python3` may be a Python without scikit-learn).
# Needs /usr/bin/time (apt-get install time). The machine should be otherwise idle: the table
# prints the load average before and after.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
blocks=${1:-100}
paraml_runs=${PARAML_RUNS:-3}
paraml_ram_runs=${PARAML_RAM_RUNS:-$paraml_runs}
# the blocks held in memory: 32 MB each (200,000 x 20 float64) plus room for the fit's own arrays
ram_budget_mb=$(( blocks * 32 + 512 ))
if (( ram_budget_mb * 4 * 1024 > $(awk '/^MemTotal:/{print $2}' /proc/meminfo) )); then
  echo "peers_kmeans: $blocks blocks do not fit a quarter of this machine's memory: no in-memory ParaML runs" >&2
  paraml_ram_runs=0
fi
sklearn_runs=${SKLEARN_RUNS-"sklearn:default sklearn:1"}
python=${PYTHON:-/usr/bin/python3}
out=$(mktemp -d "${TMPDIR:-/tmp}/peers-kmeans.XXXXXX")
trap 'rm -rf "$out"' EXIT

if [[ ! -x /usr/bin/time ]]; then
  echo "peers_kmeans: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB"
  if [[ -n "${JAVA_HOME:-}" ]]; then java_bin="$JAVA_HOME/bin/java"; else java_bin=$(command -v java); fi
  echo "java: $("$java_bin" -version 2>&1 | head -2 | tail -1)"
  echo "python: $("$python" -c 'import sys, sklearn, numpy; print(sys.version.split()[0], "sklearn", sklearn.__version__, "numpy", numpy.__version__)')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/header.txt"

# ParaML: build once (bin/paraml builds when the sources are newer than the jar), then the timed runs
"$root/bin/paraml" --version > /dev/null
for run in $(seq 1 "$paraml_runs"); do
  echo "paraml run $run of $paraml_runs ..." >&2
  /usr/bin/time -v -o "$out/paraml-$run.time" "$root/bin/paraml" kmeans --blobs "$blocks" --n-clusters 8 \
      --init-max-iter 3 --oversampling-factor 10 --random-state 0 --json > "$out/paraml-$run.json" 2> "$out/paraml-$run.err"
done

for run in $(seq 1 "$paraml_ram_runs"); do
  echo "paraml run $run of $paraml_ram_runs with the blocks in memory (--memory-budget $ram_budget_mb) ..." >&2
  /usr/bin/time -v -o "$out/paraml-ram-$run.time" "$root/bin/paraml" kmeans --blobs "$blocks" --n-clusters 8 \
      --init-max-iter 3 --oversampling-factor 10 --random-state 0 --memory-budget "$ram_budget_mb" --json \
      > "$out/paraml-ram-$run.json" 2> "$out/paraml-ram-$run.err"
done

if [[ -n "$sklearn_runs" ]]; then
  echo "python peers: $sklearn_runs daskml ..." >&2
  # shellcheck disable=SC2086  # the runs are separate arguments
  /usr/bin/time -v -o "$out/python.time" "$python" "$root/bench/scripts/sklearn_kmeans_peer.py" "$blocks" \
      $sklearn_runs daskml > "$out/python.jsonl" 2> "$out/python.err"
  if grep -q '"peer": "dask-ml", "skipped"' "$out/python.jsonl" && [[ "${DASKML_STANDIN:-1}" != 0 ]]; then
    echo "dask_ml does not import: Dask-ML's algorithm on dask (bench/scripts/daskml_kmeans_standin.py) ..." >&2
    if ! "$python" "$root/bench/scripts/daskml_kmeans_standin.py" "$blocks" >> "$out/python.jsonl" 2>> "$out/python.err"; then
      echo "the Dask-ML stand-in failed (no dask or numba?): its row is left out" >&2
    fi
  fi
else
  echo "python peers: skipped (SKLEARN_RUNS is empty)" >&2
  : > "$out/python.jsonl"
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/header.txt"

"$python" - "$out" "$paraml_runs" "$paraml_ram_runs" <<'EOF'
import json, os, re, statistics, sys
out, runs, ram_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def time_v(path):
    t = open(path).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024.0
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return rss, secs

def paraml_runs(prefix, count):
    got = []
    for r in range(1, count + 1):
        lines = [l for l in open(os.path.join(out, "%s-%d.json" % (prefix, r))) if l.startswith("{")]
        j = json.loads(lines[-1])
        rss, wall = time_v(os.path.join(out, "%s-%d.time" % (prefix, r)))
        got.append(dict(fit=j["fit_seconds"], inertia=j["inertia"], n_iter=j["n_iter"], rss=rss, wall=wall,
                        backend=j["backend"], rows=j["n_samples"]))
    return got

def summary(what, runs_):
    med_ = statistics.median(sorted(p["fit"] for p in runs_))
    print("ParaML runs, %s (fit_seconds): " % what + ", ".join("%.2f" % p["fit"] for p in runs_)
          + "  -> median %.2f s; wall incl. making the blocks: " % med_ + ", ".join("%.1f" % p["wall"] for p in runs_)
          + " s; peak RSS: " + ", ".join("%.0f" % p["rss"] for p in runs_) + " MB")
    return med_, min(runs_, key=lambda p: abs(p["fit"] - med_))

paraml = paraml_runs("paraml", runs)
print()
med, ref = summary("default 1 GB budget (spilled beyond it)", paraml)
ram_med = None
if ram_runs > 0:
    ram_med, ram_ref = summary("blocks in memory", paraml_runs("paraml-ram", ram_runs))

peers = [json.loads(l) for l in open(os.path.join(out, "python.jsonl")) if l.startswith("{")]
py_time = os.path.join(out, "python.time")
py_rss = time_v(py_time)[0] if os.path.exists(py_time) else float("nan")
data = next((p for p in peers if p.get("peer") == "data"), {})
print("peer data: %s rows made in %.1f s (x[0,0] = %r)" % (data.get("rows"), data.get("make_seconds", float("nan")),
                                                        data.get("x00")))
print()
def ram(seconds):
    return "" if ram_med is None else "**%.1fx**" % (seconds / ram_med)

print("| fit | n_init | fit seconds | inertia | n_iter | peak RSS (MB) | ParaML faster by (spilled) | ParaML faster by"
      " (in memory) | ParaML inertia / peer |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
print("| ParaML KMeans (%s, k-means\\|\\|, init_max_iter=3, oversampling_factor=10), default 1 GB budget (spilled beyond it) | 1 |"
      " %.2f | %.6g | %d | %.0f | | | |" % (ref["backend"], med, ref["inertia"], ref["n_iter"], ref["rss"]))
if ram_med is not None:
    print("| the same, blocks in memory (--memory-budget) | 1 | %.2f | %.6g | %d | %.0f | | | |"
          % (ram_med, ram_ref["inertia"], ram_ref["n_iter"], ram_ref["rss"]))
for p in peers:
    if p.get("peer") == "sklearn":
        print("| scikit-learn KMeans (k-means++) | %s | %.2f | %.6g | %d | %.0f (process) | **%.1fx** | %s | %.3f |"
              % (p["n_init"], p["fit_seconds"], p["inertia"], p["n_iter"], p["peak_rss_mb"],
                 p["fit_seconds"] / med, ram(p["fit_seconds"]), ref["inertia"] / p["inertia"]))
    elif p.get("peer") == "dask-ml":
        if "skipped" in p:
            print("| Dask-ML KMeans | | skipped: %s | | | | | | |" % p["skipped"])
        else:
            print("| Dask-ML KMeans (k-means\\|\\|, init_max_iter=3, oversampling_factor=10) | 1 | %.2f | %.6g | %d | %.0f |"
                  " **%.1fx** | %s | %.3f |"
                  % (p["fit_seconds"], p["inertia"], p["n_iter"], p["peak_rss_mb"], p["fit_seconds"] / med,
                     ram(p["fit_seconds"]), ref["inertia"] / p["inertia"]))
    elif p.get("peer") == "dask-ml-standin":
        print("| Dask-ML's KMeans algorithm, stand-in (dask %s + numba %s, %s scheduler, %s workers; not the dask_ml"
              " package) | 1 | %.2f | %.6g | %d | | **%.1fx** | %s | %.3f |"
              % (p["dask"], p["numba"], p["scheduler"], p["workers"], p["fit_seconds"], p["inertia"], p["n_iter"],
                 p["fit_seconds"] / med, ram(p["fit_seconds"]), ref["inertia"] / p["inertia"]))
print()
print("python process peak RSS: %.0f MB" % py_rss)
EOF
cat "$out/header.txt" > /dev/null
