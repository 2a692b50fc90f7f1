#!/usr/bin/env bash
# Proves that ParaML works as a Maven dependency of another project: installs ParaML into a
# temporary local repository, builds this consumer project against it, checks that no Spark jar is
# on the consumer's class path (Spark is a `provided` dependency of ParaML), and runs its example
# twice: with --add-modules jdk.incubator.vector (SIMD kernels) and without (scalar kernels).
#
# Usage: examples/consumer/run.sh [--jar PARAML_JAR] [MAVEN_OPTION ...]
#   --jar FILE     install this already built ParaML jar (with the project's pom.xml) instead of
#                  running `./mvnw install -DskipTests` in the project root (the tests use this)
#   MAVEN_OPTION   passed to every Maven command, e.g. -o to stay offline
#
# Hermetic enough: the local repository is a new temporary folder, removed at the end, that reads
# what it lacks from ~/.m2/repository (Maven's read-only "tail" repository, -Dmaven.repo.local.tail)
# and downloads nothing more unless it must; so ~/.m2 is not changed and no ParaML installed there
# before is used. The consumer is built in a temporary copy, so examples/consumer stays clean.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=
if [[ "${1:-}" == "--jar" ]]; then
  jar=$(readlink -f "$2")
  shift 2
fi
if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java=java; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/paraml-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
repo="$work/repository"
tail_repo="${PARAML_M2_REPOSITORY:-$HOME/.m2/repository}"
mvn=("$root/mvnw" -B -q "-Dmaven.repo.local=$repo" "-Dmaven.repo.local.tail=$tail_repo" "$@")

echo "== installing ParaML into $repo"
if [[ -n "$jar" ]]; then
  (cd "$work" && "${mvn[@]}" org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
    "-Dfile=$jar" "-DpomFile=$root/pom.xml")
else
  (cd "$root" && "${mvn[@]}" install -DskipTests)
fi

echo "== building the consumer"
mkdir "$work/consumer"
cp -r "$here/pom.xml" "$here/src" "$work/consumer/"
(cd "$work/consumer" && "${mvn[@]}" compile dependency:build-classpath "-Dmdep.outputFile=$work/classpath.txt")
classpath=$(cat "$work/classpath.txt")

echo "== the consumer's class path (ParaML and what it brings)"
tr ':' '\n' <<< "$classpath" | sed -e "s|^$repo/||" -e "s|^$tail_repo/||" -e 's|^|  |'
if tr ':' '\n' <<< "$classpath" | grep -q '/org/apache/spark/'; then
  echo "run.sh: error: Spark jars are on the consumer's class path; Spark must be a provided dependency of ParaML" >&2
  exit 1
fi

echo "== java --add-modules jdk.incubator.vector example.Example"
"$java" --add-modules jdk.incubator.vector -cp "$work/consumer/target/classes:$classpath" example.Example 2>&1
echo "== java example.Example (without the flag)"
"$java" -cp "$work/consumer/target/classes:$classpath" example.Example 2>&1
echo "== done"
