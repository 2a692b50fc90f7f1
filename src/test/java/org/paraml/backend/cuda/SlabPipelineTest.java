package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.backend.TestData;
import org.paraml.linalg.Matrix;

/** The host side of the GPU streaming, without a GPU: the two-stage schedule and row packing. */
class SlabPipelineTest {
    /** A fake stage that records what happened to it. */
    private static final class Stage {
        final int id;
        Integer pending; // the slab enqueued and not yet synchronized

        Stage(int id) {
            this.id = id;
        }
    }

    @Test
    void slabsAlternateStagesAndAreConsumedInOrderAfterTheirStageSynchronized() {
        for (int count : new int[]{0, 1, 2, 3, 8}) {
            Stage[] stages = {new Stage(0), new Stage(1)};
            List<String> events = new ArrayList<>();
            List<Integer> consumed = new ArrayList<>();
            boolean[] synced = new boolean[Math.max(count, 1)];
            SlabPipeline.run(i -> stages[i], st -> {
                if (st.pending != null) {
                    synced[st.pending] = true;
                    st.pending = null;
                }
                events.add("sync " + st.id);
            }, count, new SlabPipeline.Slab<>() {
                @Override
                public void enqueue(int slab, Stage st) {
                    assertEquals(slab % 2, st.id, "slab " + slab + " on stage " + (slab % 2));
                    assertEquals(null, st.pending, "the stage is idle when slab " + slab + " is enqueued");
                    st.pending = slab;
                    events.add("enqueue " + slab);
                    long inFlight = java.util.Arrays.stream(stages).filter(x -> x.pending != null).count();
                    assertTrue(inFlight <= 2);
                }

                @Override
                public void consume(int slab, Stage st) {
                    assertTrue(synced[slab], "slab " + slab + " consumed after its stage synchronized");
                    consumed.add(slab);
                }
            });
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                order.add(s);
            }
            assertEquals(order, consumed, "count " + count);
            if (count >= 3) { // slab 1 was enqueued before slab 0 was waited for: the stages overlap
                assertTrue(events.indexOf("enqueue 1") < events.indexOf("sync 0"), events.toString());
            }
        }
    }

    @Test
    void rowsArePackedCompactAndRowMajor() {
        Matrix x = TestData.uniform(1, 9, 4);
        Matrix view = TestData.asView(x, 3);
        for (Matrix m : new Matrix[]{x, view, x.rowRange(2, 9)}) {
            DoubleBuffer b = ByteBuffer.allocate(5 * 4 * 8).asDoubleBuffer();
            Slabs.putRows(m, 1, 6, b);
            double[] want = new double[20];
            for (int i = 1; i < 6; i++) {
                System.arraycopy(m.row(i), 0, want, (i - 1) * 4, 4);
            }
            assertArrayEquals(want, toArray(b));
        }
    }

    @Test
    void translatedRowsArePackedAsATranslatedCopyHoldsThem() {
        // 700 rows of 7 features: more than one of putRows' batches of rows
        Matrix x = TestData.uniform(2, 705, 7);
        double[] shift = {1000.5, -3.25, 0.0, -0.0, 1e-300, 7.0 / 3, Double.MIN_VALUE};
        Matrix view = TestData.asView(x, 5);
        for (Matrix m : new Matrix[]{x, view, x.rowRange(2, 705)}) {
            int from = 1;
            int to = 701;
            DoubleBuffer b = ByteBuffer.allocate((to - from) * 7 * 8).asDoubleBuffer();
            Slabs.putRows(m, shift, from, to, b);
            double[] want = new double[(to - from) * 7];
            for (int i = from; i < to; i++) {
                double[] row = m.row(i);
                for (int j = 0; j < 7; j++) {
                    want[(i - from) * 7 + j] = row[j] - shift[j];
                }
            }
            assertArrayEquals(want, toArray(b));
            DoubleBuffer plain = ByteBuffer.allocate((to - from) * 7 * 8).asDoubleBuffer();
            Slabs.putRows(m, null, from, to, plain);
            DoubleBuffer expectPlain = ByteBuffer.allocate((to - from) * 7 * 8).asDoubleBuffer();
            Slabs.putRows(m, from, to, expectPlain);
            assertArrayEquals(toArray(expectPlain), toArray(plain), "no shift: the plain copy");
        }
    }

    private static double[] toArray(DoubleBuffer b) {
        double[] out = new double[b.capacity()];
        b.rewind();
        b.get(out);
        return out;
    }

    @Test
    void slabSizes() {
        assertEquals(1024, Slabs.rows(8 * 1024, Integer.MAX_VALUE), "8 MiB of 8 KiB rows");
        assertEquals(1, Slabs.rows(64L << 20, 100), "a row larger than a slab is a slab");
        assertEquals(7, Slabs.rows(8, 7), "at most the limit");
        assertEquals(7, Slabs.rows(0, 7), "empty rows");
        assertEquals(0, Slabs.align(0));
        assertEquals(256, Slabs.align(1));
        assertEquals(512, Slabs.align(257));
    }
}
