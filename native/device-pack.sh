#!/usr/bin/env bash
# device-pack.sh — ../shared/device/pack.sh --tests, then what the device check does not need taken out,
# so that .device/ and the working tree stay under the 64 MiB a device call carries (with a JDK 25
# runtime, which gives the simd side its faster Vector API, the plain pack is 66 MiB):
#   - JCuda's NVPTX compiler binding (24 MB unpacked; ParaML loads PTX through the driver instead);
#   - the charting library (the device check draws no charts).
# Usage, from the project root: JAVA_HOME=/path/to/jdk-25 native/device-pack.sh
set -euo pipefail
root=$(git rev-parse --show-toplevel); cd "$root"
../shared/device/pack.sh --tests || [[ -d .device/jre ]]   # it refuses (exit 1) when over 64 MiB: trimmed below
natives=$(ls .device/lib/jcuda-natives-*.jar)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && unzip -q "$root/$natives" && rm -f lib/libJNvPTXCompiler-*.so && zip -q -r -9 natives.jar META-INF lib)
mv "$tmp/natives.jar" "$natives"
rm -f .device/lib/jfreechart-*.jar
size=$(du -sm .device | cut -f1)
tree=$(git ls-files -co --exclude-standard -z | du -cm --files0-from=- | tail -1 | cut -f1)
echo "trimmed .device/ to ${size} MiB; with the working tree (${tree} MiB) $((size + tree)) MiB of the 64 a device call carries"
(( size + tree < 64 )) || { echo "too large: leave something out" >&2; exit 1; }
