package org.paraml.backend.cuda;

import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs the slabs of one call on a lane's two stages: slab s is enqueued on stage s mod 2 once the
 * slab before it on that stage has been consumed. While the GPU copies and computes one slab, the
 * host unpacks the previous slab's outputs and packs the next slab's inputs. Slabs are consumed in
 * order 0, 1, 2, ..., so reductions over slabs happen in a fixed order.
 */
final class SlabPipeline {
    /** The work of one slab on a stage of type S. */
    interface Slab<S> {
        /** Packs inputs into the stage's pinned buffer and enqueues copies and kernels on its stream. */
        void enqueue(int slab, S stage);

        /** Called after the stage's stream finished slab {@code slab}: unpacks its outputs. */
        void consume(int slab, S stage);
    }

    private SlabPipeline() {
    }

    /** Runs slabs {@code 0 .. count−1} on {@code lane} and returns when all are consumed. */
    static void run(Lane lane, int count, Slab<Lane.Stage> body) {
        run(lane::stage, Lane.Stage::synchronize, count, body);
    }

    /** The schedule, for any two stages: {@code stages.apply(0 or 1)}, {@code synchronize} waits for one. */
    static <S> void run(IntFunction<S> stages, Consumer<S> synchronize, int count, Slab<S> body) {
        for (int s = 0; s < count; s++) {
            S stage = stages.apply(s & 1);
            if (s >= 2) {
                synchronize.accept(stage);
                body.consume(s - 2, stage);
            }
            body.enqueue(s, stage);
        }
        for (int s = Math.max(0, count - 2); s < count; s++) {
            S stage = stages.apply(s & 1);
            synchronize.accept(stage);
            body.consume(s, stage);
        }
    }
}
