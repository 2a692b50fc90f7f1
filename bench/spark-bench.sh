#!/usr/bin/env bash
# Runs org.paraml.bench.SparkBench (ParaML on Spark vs Spark MLlib, and the overhead of a Spark search) on a
# local standalone cluster it starts and stops itself. Usage: bench/spark-bench.sh [BLOCKS ROWS REPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B install -DskipTests
./mvnw -q -B -f bench/pom.xml package -DskipTests
./mvnw -q -B -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/spark-bench.cp
opens=(-XX:+IgnoreUnrecognizedVMOptions)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
exec java --add-modules jdk.incubator.vector "${opens[@]}" -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true -Xmx2g \
  -cp "$root/bench/target/classes:$(cat "$root/bench/target/spark-bench.cp")" org.paraml.bench.SparkBench "$@"
