package org.paraml.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.paraml.cluster.BlockStep;
import org.paraml.cluster.PassRunner;
import org.paraml.data.BlockResultConsumer;
import org.paraml.linalg.Matrix;
import scala.Tuple2;

/**
 * {@link PassRunner} over a Spark cluster: block i of a {@link BlockSpec} is partition i of a cached RDD,
 * made on the executors (generated from its seed, or read from files); a pass is a map over the partitions
 * whose per-block results are collected in partition (= block) order and merged by the fitting JVM.
 *
 * <p>The per-row costs of k-means|| and k-means++ stay on the executors (with, while k-means|| seeds, each
 * row's nearest-candidate index): a step that changes them yields an RDD of (new costs, nearest, result) per
 * partition, which is cached, and the next step zips the blocks with it.
 * If an executor is lost, Spark recomputes the lost partitions from their lineage (make the block again,
 * replay the cost updates): every step is deterministic, so the values are the same.
 */
final class SparkPasses implements PassRunner {
    private static final System.Logger LOG = System.getLogger(SparkPasses.class.getName());

    private final JavaSparkContext sc;
    private final BlockSpec spec;
    private final long[] starts;
    private final JavaRDD<BlockData> data;
    private JavaRDD<StepOutput> costState;

    SparkPasses(JavaSparkContext sc, BlockSpec spec, StorageLevel level) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.starts = spec.starts();
        int n = spec.numBlocks();
        List<Integer> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            indices.add(i);
        }
        long[] s = starts;
        BlockSpec b = spec;
        this.data = sc.parallelize(indices, n).map(i -> new BlockData(i, s[i], b.block(i)))
                .setName("paraml blocks: " + spec.describe()).persist(level);
    }

    /** Makes and caches every block now (one job); returns the number of rows. */
    long materialize() {
        return data.map(b -> (long) b.rows).reduce(Long::sum);
    }

    BlockSpec spec() {
        return spec;
    }

    @Override
    public long rows() {
        return starts[starts.length - 1];
    }

    @Override
    public int cols() {
        return spec.cols();
    }

    @Override
    public int numBlocks() {
        return spec.numBlocks();
    }

    @Override
    public long firstRow(int block) {
        return starts[block];
    }

    @Override
    public Matrix gatherRows(long[] rows) {
        Map<Integer, List<Long>> byBlock = new HashMap<>();
        for (long r : rows) {
            Objects.checkIndex(r, rows());
            byBlock.computeIfAbsent(blockOf(r), k -> new ArrayList<>()).add(r);
        }
        Map<Integer, long[]> wanted = new HashMap<>();
        byBlock.forEach((k, v) -> wanted.put(k, v.stream().mapToLong(Long::longValue).distinct().toArray()));
        List<Tuple2<Long, double[]>> found = data.flatMap(b -> {
            long[] w = wanted.get(b.index);
            List<Tuple2<Long, double[]>> out = new ArrayList<>();
            if (w != null) {
                for (long r : w) {
                    int i = (int) (r - b.firstRow);
                    out.add(new Tuple2<>(r, Arrays.copyOfRange(b.values, i * b.cols, (i + 1) * b.cols)));
                }
            }
            return out.iterator();
        }).collect();
        Map<Long, double[]> byRow = new HashMap<>();
        for (Tuple2<Long, double[]> t : found) {
            byRow.put(t._1(), t._2());
        }
        int d = cols();
        Matrix out = Matrix.zeros(rows.length, d);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(byRow.get(rows[i]), 0, out.data(), out.offset(i), d);
        }
        return out;
    }

    private int blockOf(long row) {
        int i = Arrays.binarySearch(starts, row);
        if (i >= 0) {
            while (i + 1 < starts.length && starts[i + 1] == row) {
                i++; // skip empty blocks
            }
            return i;
        }
        return -i - 2;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> void run(String phase, BlockStep<R> step, BlockResultConsumer<R> consumer) {
        long t0 = System.nanoTime();
        List<Object> results;
        try {
            switch (step.costs()) {
                case NONE -> results = data.map(b -> apply(step, b, null, null)).collect();
                case READ -> {
                    JavaRDD<Object> out = costState == null
                            ? data.map(b -> apply(step, b, infinite(b.rows), null))
                            : data.zipPartitions(costState, (bs, cs) -> readStep(step, bs, cs));
                    results = out.collect();
                }
                default -> {
                    boolean near = step.costs() == BlockStep.Costs.WRITE_NEAREST;
                    JavaRDD<StepOutput> next = (costState == null
                            ? data.map(b -> writeStep(step, b, infinite(b.rows), near ? none(b.rows) : null))
                            : data.zipPartitions(costState, (bs, cs) -> {
                                StepOutput previous = cs.next();
                                BlockData b = bs.next();
                                return List.of(writeStep(step, b, previous.costs.clone(),
                                        nearestFor(near, previous.nearest, b.rows))).iterator();
                            }))
                            .setName("paraml costs after " + phase).persist(StorageLevel.MEMORY_AND_DISK());
                    results = next.map(o -> o.result).collect();
                    JavaRDD<StepOutput> previous = costState;
                    costState = next;
                    if (previous != null) {
                        previous.unpersist(false);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw unwrap(e, phase);
        }
        for (Object r : results) {
            if (r instanceof StepFailure f) {
                throw f.rethrow();
            }
        }
        for (int i = 0; i < results.size(); i++) {
            try {
                consumer.accept(i, (R) results.get(i));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.toString(), e);
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> phase + ": " + results.size() + " blocks in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private static Iterator<Object> readStep(BlockStep<?> step, Iterator<BlockData> bs, Iterator<StepOutput> cs) {
        return List.of(apply(step, bs.next(), cs.next().costs, null)).iterator();
    }

    /**
     * @param nearest the nearest indices the step changes (a copy: cached partitions are never changed in
     *                place), or the previous ones, kept as they are, for a step that does not use them
     */
    private static StepOutput writeStep(BlockStep<?> step, BlockData b, double[] costs, int[] nearest) {
        boolean near = step.costs() == BlockStep.Costs.WRITE_NEAREST;
        return new StepOutput(costs, nearest, apply(step, b, costs, near ? nearest : null));
    }

    /** The nearest indices a step starts from: a copy of the previous ones (or −1s) if it changes them. */
    private static int[] nearestFor(boolean changes, int[] previous, int rows) {
        if (!changes) {
            return previous;
        }
        return previous == null ? none(rows) : previous.clone();
    }

    private static int[] none(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * The step's result, or the {@link StepFailure} of the exception it threw: bad data fails the same way on
     * every try, so it comes back as a value instead of failing the Spark task (which Spark would retry).
     */
    private static Object apply(BlockStep<?> step, BlockData b, double[] costs, int[] nearest) {
        try {
            return step.apply(b.block(), costs, nearest);
        } catch (RuntimeException e) {
            return new StepFailure(e);
        }
    }

    private static double[] infinite(int n) {
        double[] c = new double[n];
        Arrays.fill(c, Double.POSITIVE_INFINITY);
        return c;
    }

    /** A step's own exception when Spark kept it as the cause; the Spark failure otherwise. */
    private static RuntimeException unwrap(RuntimeException e, String phase) {
        Throwable c = e;
        while (c instanceof SparkException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c != e && c instanceof RuntimeException re && !(c instanceof SparkException)) {
            return re;
        }
        return new IllegalStateException("k-means pass '" + phase + "' failed on Spark: " + e.getMessage(), e);
    }

    @Override
    public void resetCosts() {
        if (costState != null) {
            costState.unpersist(false);
            costState = null;
        }
    }

    @Override
    public void scanCosts(CostScan scan) {
        if (costState == null) {
            for (int i = 0; i < numBlocks(); i++) {
                int n = spec.blockRows(i);
                if (!scan.accept(starts[i], infinite(n), n)) {
                    return;
                }
            }
            return;
        }
        Iterator<double[]> it = costState.map(o -> o.costs).toLocalIterator();
        int i = 0;
        while (it.hasNext()) {
            double[] c = it.next();
            if (!scan.accept(starts[i++], c, c.length)) {
                return;
            }
        }
    }

    @Override
    public void close() {
        resetCosts();
        data.unpersist(false);
    }
}
