package org.paraml.cluster;

import org.paraml.backend.PreparedMatrix;
import org.paraml.data.Block;
import org.paraml.linalg.Matrix;

/**
 * The E-step against final centres: labels (nearest centre) and the exact inertia
 * {@code Σ_i ||x_i − c_{label(i)}||²}. Each term is the backend's distance to the chosen centre, which
 * it recomputes from direct differences (never from the cancelling expansion
 * {@code ||x||² − 2x·c + ||c||²}, see {@link org.paraml.backend.Backend#lloydStep}); terms are summed with
 * compensation, per block and then over blocks in block order.
 */
final class Assignment {
    /** Inertia, a fingerprint of the partition (clusters renamed by first appearance), distinct labels. */
    record Result(double inertia, long partitionHash, int distinctLabels) {
    }

    /** One block's result: its labels (when asked for), its rows, its inertia, its share of the partition. */
    private record Partial(int[] labels, int rows, CompensatedSum inertia, LabelHash.Part part)
            implements java.io.Serializable {
    }

    /** The E-step on one block. */
    private static final class Step extends BlockStep<Partial> {
        private static final long serialVersionUID = 1L;
        private final double[] centres;
        private final int k;
        private final boolean keepLabels;

        Step(StepKernels kernels, Matrix centres, boolean keepLabels) {
            super(kernels, Costs.NONE);
            this.centres = centres.compact().data().clone();
            this.k = centres.rows();
            this.keepLabels = keepLabels;
        }

        @Override
        Partial compute(Block b, double[] costs) {
            return partial(kernels, b, prepared(0, 1, centres, k), k, keepLabels);
        }
    }

    private Assignment() {
    }

    static Result run(FitContext ctx, Matrix centres, String phase, BlockLabelsConsumer labelsOut) {
        CompensatedSum total = new CompensatedSum();
        LabelHash.Partition partition = new LabelHash.Partition(centres.rows());
        ctx.pass(phase, new Step(ctx.stepKernels, centres, labelsOut != null), (i, p) -> {
            total.add(p.inertia);
            partition.add(p.part);
            if (labelsOut != null) {
                labelsOut.accept(i, ctx.runner.firstRow(i), p.labels, p.rows);
            }
        });
        return new Result(total.value(), partition.value(), partition.distinct());
    }

    private static Partial partial(StepKernels sk, Block b, PreparedMatrix centres, int k, boolean keepLabels) {
        Matrix x = b.rows();
        int rows = x.rows();
        int[] labels = new int[rows];
        StepKernels.Scratch s = sk.takeScratch(x.rows());
        try {
            sk.kernels().lloyd(x, centres, labels, s.dist, null, null);
            CompensatedSum inertia = new CompensatedSum();
            for (int i = 0; i < rows; i++) {
                inertia.add(s.dist[i]);
            }
            return new Partial(keepLabels ? labels : null, rows, inertia, new LabelHash.Part(labels, rows,
                    b.firstRow(), k));
        } finally {
            sk.giveScratch(s);
        }
    }
}
