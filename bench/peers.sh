#!/usr/bin/env bash
# ParaML against its peers, measured side by side in one invocation on this machine:
# ParaML's JMH benchmarks (and the JVM peers they run, e.g. the libsvm Java port) and the non-JVM
# peers (scikit-learn through Debian's /usr/bin/python3), then a table of medians and ratios.
#
# usage: bench/peers.sh [--java PATH/bin/java] [--workloads svc[,kmeans...]] [--no-build]
#                       [--jmh-args "..."] [--skip-peers] [--out DIR]
#   --java       the JVM that runs the benchmarks (default: java on the PATH)
#   --workloads  which workloads (bench/peers/<name>.sh defines each: svc, kmeans; default: svc,kmeans)
#   --no-build   use the jars already built (target/classes and bench/target/benchmarks.jar)
#   --jmh-args   extra JMH arguments, e.g. "-p impl=simd -wi 1 -i 2" for a quick look
#   --jmh-include a JMH include regex that replaces the workloads' benchmarks (e.g. to leave out the
#                libsvm port's minutes-long 50,000 x 20 fit when a second JDK reuses the peers' results)
#   --skip-peers reuse the peers' JSON already in --out (from an earlier invocation of this session)
#   --out        where the JSON results and the table go (default: bench/target/peers-<date>)
# Environment: SKLEARN_RUNS (default 5), SKLEARN_RUNS_LARGE (3), SVC_SKLEARN_CASES, KMEANS_SKLEARN_RUNS (3).
# To add a workload, write bench/peers/<name>.sh (see peers/svc.sh) and a rows file.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
JAVA=java
WORKLOADS=svc,kmeans
BUILD=1
JMH_EXTRA=""
JMH_INCLUDE=""
SKIP_PEERS=0
OUT="$BENCH_DIR/target/peers-$(date -u +%Y%m%dT%H%M%SZ)"
while [ $# -gt 0 ]; do
    case "$1" in
        --java) JAVA="$2"; shift 2 ;;
        --workloads) WORKLOADS="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --jmh-args) JMH_EXTRA="$2"; shift 2 ;;
        --jmh-include) JMH_INCLUDE="$2"; shift 2 ;;
        --skip-peers) SKIP_PEERS=1; shift ;;
        --out) OUT="$2"; shift 2 ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
mkdir -p "$OUT"
export BENCH_DIR

if [ "$BUILD" = 1 ]; then
    (cd "$ROOT" && ./mvnw -q -B install -DskipTests && ./mvnw -q -B -f bench/pom.xml package)
fi

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $("$JAVA" -version 2>&1 | head -1)"
    echo "commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet || echo ' (dirty)')"
} | tee "$OUT/environment.txt"

INCLUDES=()
ROWS=()
for w in ${WORKLOADS//,/ }; do
    # shellcheck source=/dev/null
    . "$BENCH_DIR/peers/$w.sh"
    jmh_var="${w}_jmh"; args_var="${w}_jmh_args"; rows_var="${w}_rows"
    for inc in ${!jmh_var}; do INCLUDES+=("$inc"); done
    JMH_EXTRA="$JMH_EXTRA ${!args_var}"
    ROWS+=("${!rows_var}")
done

# ParaML (and the JVM peers) first: target/classes ahead of the shaded jar, so this checkout's
# library is measured even if another checkout installed a different snapshot meanwhile
REGEX="$(IFS='|'; echo "${INCLUDES[*]}")"
if [ -n "$JMH_INCLUDE" ]; then REGEX="$JMH_INCLUDE"; fi
echo "== JMH: $REGEX $JMH_EXTRA"
# shellcheck disable=SC2086
"$JAVA" --add-modules jdk.incubator.vector -cp "$ROOT/target/classes:$BENCH_DIR/target/benchmarks.jar" \
    org.openjdk.jmh.Main "$REGEX" -rf json -rff "$OUT/jmh.json" $JMH_EXTRA 2>&1 \
    | grep -v "WARNING: Using incubator modules" | tee "$OUT/jmh.txt"

if [ "$SKIP_PEERS" = 0 ]; then
    for w in ${WORKLOADS//,/ }; do
        echo "== peers of $w"
        "${w}_peers" "$OUT"
    done
fi

echo "== ratios ($OUT)"
/usr/bin/python3 "$BENCH_DIR/ratio_table.py" --jmh "$OUT/jmh.json" --peers "$OUT" "${ROWS[@]}" | tee "$OUT/table.md"
