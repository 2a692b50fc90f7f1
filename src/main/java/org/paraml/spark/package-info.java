/**
 * ParaML on Spark (4.x, Scala 2.13), an optional part of the library: Spark is a {@code provided}
 * dependency, and nothing outside this package uses it.
 *
 * <ul>
 *   <li>{@link org.paraml.spark.SparkExecutor}: a search's fits on a cluster — X and y broadcast once, fits
 *       sent as (candidate, fold) pairs grouped by kernel matrix, results streamed back to the search's
 *       journal and progress as each group's job ends; cv_results equal the local searcher's.</li>
 *   <li>{@link org.paraml.spark.SparkKMeans}: KMeans over blocks made or read on the executors
 *       ({@link org.paraml.spark.BlockSpec}), each pass a map over cached partitions through the
 *       {@link org.paraml.cluster.PassRunner} seam, reduced in block order: the centres equal the local
 *       fit's.</li>
 *   <li>{@link org.paraml.spark.StandaloneCluster}: a master and workers on this machine from ParaML's
 *       own jars ({@code paraml cluster start/stop}), on 127.0.0.1, optionally with shared-secret
 *       authentication; {@link org.paraml.spark.SparkContexts} connects to it (or to {@code local[N]}).</li>
 * </ul>
 * On Java 17 a JVM that runs Spark needs the {@code --add-opens} flags of Spark's
 * {@code JavaModuleOptions} ({@code bin/paraml} adds them).
 */
package org.paraml.spark;
