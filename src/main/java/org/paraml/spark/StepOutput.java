package org.paraml.spark;

import java.io.Serializable;

/**
 * A block's result of a step that changed its per-row costs, with the changed costs and, during k-means||
 * seeding, each row's nearest-candidate index (kept in a cached RDD).
 */
final class StepOutput implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] costs;
    /** The rows' nearest-candidate indices, or null when no step of this seeding asked for them. */
    final int[] nearest;
    final Object result;

    StepOutput(double[] costs, int[] nearest, Object result) {
        this.costs = costs;
        this.nearest = nearest;
        this.result = result;
    }
}
