package org.paraml.spark;

import java.io.Serializable;

/** A block's result of a step that changed its per-row costs, with the changed costs (kept in a cached RDD). */
final class StepOutput implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] costs;
    final Object result;

    StepOutput(double[] costs, Object result) {
        this.costs = costs;
        this.result = result;
    }
}
