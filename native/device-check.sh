#!/bin/sh
# device-check.sh — the GPU check of the CUDA backend, one command on a CUDA machine without Java.
#
# Here (a machine with a JDK), from the project root:
#   ../shared/device/pack.sh --tests        # packs a Java runtime, the jars and the test classes into .device/
# There (the GPU machine, in a copy of the project root that carries .device/):
#   native/device-check.sh                  # about 3 minutes; everything is also written to $OUT (or .device/results)
#
# Steps, each with its own time limit inside a 290-second budget (a step that runs out is reported
# and the next one starts):
#   1. nvidia-smi, and `paraml backends --check --json`: the probe's reason, the self-check against
#      the scalar reference and the kernel-row / k-means throughputs of every available backend;
#   2. the GPU tests (package org.paraml.backend.cuda: the differential tests against the scalar
#      reference, the contract, streaming, determinism, memory) through the JUnit console launcher;
#   3. org.paraml.cli.DeviceCheck: an SVC fit (make_classification 50,000 x 20, rbf) and a KMeans fit
#      (20,000,000 x 20, k = 12) on cuda and on simd, with their times side by side.
# Sizes can be lowered for a smaller GPU: SVC_ROWS=20000 KMEANS_ROWS=5000000 native/device-check.sh
set -u
cd "$(dirname "$0")/.."
out=${OUT:-.device/results}
mkdir -p "$out"
run=.device/run
[ -x "$run" ] || { echo "no $run: run ../shared/device/pack.sh --tests on a machine with a JDK first" >&2; exit 2; }
end=$(( $(date +%s) + ${BUDGET_S:-290} ))
status=0

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
}

: > "$out/summary.txt"
step gpu 10 nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv
step backends 50 "$run" org.paraml.cli.Main backends --check --json
step tests 110 "$run" org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=tree \
  --class-path .device/test-classes --select-package org.paraml.backend.cuda
step fits 290 "$run" org.paraml.cli.DeviceCheck --backends cuda,simd \
  --svc-rows "${SVC_ROWS:-50000}" --kmeans-rows "${KMEANS_ROWS:-20000000}"
cat "$out/summary.txt"
exit $status
