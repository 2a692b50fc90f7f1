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

    private record Partial(int[] labels, int rows, CompensatedSum inertia) {
    }

    private Assignment() {
    }

    static Result run(FitContext ctx, Matrix centres, String phase, BlockLabelsConsumer labelsOut) {
        CompensatedSum total = new CompensatedSum();
        LabelHash.Partition partition = new LabelHash.Partition(centres.rows());
        PreparedMatrix prepared = ctx.prepare(centres);
        ctx.pass(phase, b -> partial(ctx, b, prepared), (i, p) -> {
            total.add(p.inertia);
            partition.add(p.labels, p.rows);
            if (labelsOut != null) {
                labelsOut.accept(i, ctx.data.firstRow(i), p.labels, p.rows);
            }
        });
        return new Result(total.value(), partition.value(), partition.distinct());
    }

    private static Partial partial(FitContext ctx, Block b, PreparedMatrix centres) {
        Matrix x = b.rows();
        int rows = x.rows();
        int[] labels = new int[rows];
        FitContext.Scratch s = ctx.takeScratch(x.rows());
        try {
            ctx.kernels.lloyd(x, centres, labels, s.dist, null, null);
            CompensatedSum inertia = new CompensatedSum();
            for (int i = 0; i < rows; i++) {
                inertia.add(s.dist[i]);
            }
            return new Partial(labels, rows, inertia);
        } finally {
            ctx.giveScratch(s);
        }
    }
}
