#!/bin/sh
# device-check.sh — the GPU check of the CUDA backend, one command on a CUDA machine without Java.
#
# Here (a machine with a JDK), from the project root:
#   native/device-pack.sh                   # packs a Java runtime, the jars and the test classes into .device/
# There (the GPU machine, in a copy of the project root that carries .device/: the device tool's run
# with carry [".device"] and timeout_s 420):
#   sh native/device-check.sh               # 1 to 3 minutes; summary.txt and one log per step in $OUT
#                                           # (or .device/results): 7 or 8 files, as the device tool returns them
#
# Steps, each with its own time limit inside a 290-second budget (a step that runs out is reported
# and the next one starts):
#   1. nvidia-smi, and `paraml backends --check --json`: the probe's reason, the self-check against
#      the scalar reference and the kernel-row / k-means throughputs of every available backend; the
#      device's copy bandwidth and DGEMM rate (native/device-ceilings.py, where python3 has PyTorch);
#   2. the GPU tests (package org.paraml.backend.cuda: the differential tests against the scalar
#      reference, the contract, streaming, determinism, memory) through the JUnit console launcher;
#   3. org.paraml.backend.cuda.CudaKernelTimes (where nvidia-smi answered): the kernels alone on
#      device-resident data, timed with CUDA events, with GB/s as a share of the measured copy bandwidth;
#   4. org.paraml.cli.DeviceCheck: an SVC fit (make_classification 50,000 x 20, rbf) and a KMeans fit
#      (20,000,000 x 20, k = 12) on cuda and on simd, with their times side by side;
#   5. scikit-learn's fit of the same SVC on the same machine (bench/sklearn_svc.py fit_large), where
#      python3 has scikit-learn: one run, its JSON at the end of peers.log (the 8th file; PEERS=0 skips it).
# Sizes can be lowered for a smaller GPU: SVC_ROWS=20000 KMEANS_ROWS=5000000 native/device-check.sh
# Where nvidia-smi answers, cuda is required (REQUIRE_CUDA=0 to not): a GPU test that cannot get the
# backend fails instead of being skipped (PARAML_REQUIRE_GPU=1), and the fits exit 3 without cuda.
# Needs only sh, coreutils (timeout) and nvidia-smi there: no Java, Python, Maven or network.
set -u
cd "$(dirname "$0")/.."
out=${OUT:-.device/results}
mkdir -p "$out"
run=.device/run
[ -x "$run" ] || { echo "no $run: run ../shared/device/pack.sh --tests on a machine with a JDK first" >&2; exit 2; }
end=$(( $(date +%s) + ${BUDGET_S:-290} ))
status=0
# the fits hold 20M x 20 float64 rows (3.2 GB) and the simd backend's copy of them: 60% of the memory,
# not the JVM's default quarter (enough on 128 GiB, not on a smaller machine)
heap=$(awk '/^MemTotal:/ { printf "%d", $2 * 0.6 / 1024 }' /proc/meminfo 2>/dev/null)
[ -n "$heap" ] && [ "$heap" -ge 1024 ] && heap="-Xmx${heap}m" || heap=""
# PtxMatchesSourcesTest rebuilds the PTX when nvcc is on the PATH; the CUDA image keeps it in /usr/local/cuda/bin
command -v nvcc >/dev/null 2>&1 || { [ -x /usr/local/cuda/bin/nvcc ] && PATH=$PATH:/usr/local/cuda/bin && export PATH; }

# step NAME LIMIT COMMAND...: runs COMMAND with at most LIMIT seconds (less if the budget is nearly spent)
step() {
  name=$1; limit=$2; shift 2
  left=$(( end - $(date +%s) ))
  [ "$left" -lt "$limit" ] && limit=$left
  if [ "$limit" -le 5 ]; then echo "== $name: skipped, the time budget is spent" | tee -a "$out/summary.txt"; status=1; return; fi
  echo "== $name (at most ${limit} s)" | tee -a "$out/summary.txt"
  start=$(date +%s)
  timeout -k 5 "$limit" "$@" > "$out/$name.log" 2>&1
  rc=$?
  cat "$out/$name.log"
  echo "== $name: exit $rc after $(( $(date +%s) - start )) s" | tee -a "$out/summary.txt"
  [ "$rc" -eq 0 ] || status=1
  [ "$name" = gpu ] && [ "$rc" -eq 0 ] && gpu_ok=1
  return 0
}
gpu_ok=0

: > "$out/summary.txt"
step gpu 10 nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv
require=""
if [ "${REQUIRE_CUDA:-$gpu_ok}" = 1 ]; then
  PARAML_REQUIRE_GPU=1; export PARAML_REQUIRE_GPU; require="--require cuda"
  echo "== cuda is required (nvidia-smi answered; REQUIRE_CUDA=0 to not)" | tee -a "$out/summary.txt"
fi
step backends 50 "$run" org.paraml.cli.Main backends --check --json
# the device's measured ceilings (copy bandwidth, DGEMM rate) for the percentages in bench/RESULTS.md;
# skipped where python3 has no PyTorch
if python3 -c 'import torch' >/dev/null 2>&1; then step ceilings 40 python3 native/device-ceilings.py; fi
step tests 110 "$run" org.junit.platform.console.ConsoleLauncher execute --disable-banner --disable-ansi-colors \
  --details=tree --class-path .device/test-classes --select-package org.paraml.backend.cuda
grep -E '^\[ +[0-9]+ tests (successful|failed|aborted) +\]$' "$out/tests.log" | tee -a "$out/summary.txt"
# shellcheck disable=SC2086 # $heap splits into words on purpose (or is empty)
[ "$gpu_ok" = 1 ] && step kernels 60 "$run" $heap org.paraml.backend.cuda.CudaKernelTimes "${KERNEL_ROWS:-10000000}" "${SVC_ROWS:-50000}"
# shellcheck disable=SC2086 # $heap and $require split into words on purpose (or are empty)
step fits 290 "$run" $heap org.paraml.cli.DeviceCheck --backends cuda,simd $require \
  --svc-rows "${SVC_ROWS:-50000}" --kmeans-rows "${KMEANS_ROWS:-20000000}"
# scikit-learn's SVC fit on the same data and CPU (where python3 has scikit-learn; PEERS=0 to skip)
if [ "${PEERS:-1}" = 1 ] && python3 -c 'import sklearn' >/dev/null 2>&1; then
  step peers 120 sh -c 'python3 bench/sklearn_svc.py --cases fit_large --runs-large 1 --out /tmp/paraml-sklearn.json &&
    cat /tmp/paraml-sklearn.json' 
fi
echo "== device check: $([ "$status" -eq 0 ] && echo PASSED || echo FAILED)" | tee -a "$out/summary.txt"
cat "$out/summary.txt"
exit $status
