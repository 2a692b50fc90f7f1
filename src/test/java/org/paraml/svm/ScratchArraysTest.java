package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The JVM's pool of scratch buffers ({@link ScratchArrays}): a buffer handed back is the next one taken for a
 * length it holds, buffers above the size cap are never kept, and the pool keeps a bounded number. The
 * lengths here are far above what other tests' fits ask for, so the shared pool's other contents do not
 * interfere.
 */
class ScratchArraysTest {
    private static final int FLOATS = 4_000_001;

    @Test
    void aBufferHandedBackIsTakenAgainWithItsOldValues() {
        float[] a = ScratchArrays.takeFloats(FLOATS);
        assertTrue(a.length >= FLOATS);
        a[7] = 5f;
        ScratchArrays.give(a);
        float[] b = ScratchArrays.takeFloats(FLOATS - 1);
        assertSame(a, b, "the kept buffer is reused instead of a new zeroed one");
        assertEquals(5f, b[7], "a taker overwrites what it uses: old values stay inside");
        ScratchArrays.give(b);
    }

    @Test
    void buffersAboveTheCapAreLeftToTheCollector() {
        double[] huge = new double[(int) (ScratchArrays.MAX_BYTES / Double.BYTES) + 1];
        ScratchArrays.give(huge);
        double[] next = ScratchArrays.takeDoubles(huge.length);
        assertNotSame(huge, next);
        assertEquals(huge.length, next.length, "a new buffer has exactly the length asked for");
    }

    @Test
    void thePoolKeepsABoundedNumberAndPrefersLongerBuffers() {
        double[] last = null;
        for (int k = 0; k < ScratchArrays.MAX_ARRAYS + 3; k++) {
            last = new double[1_000_000 + k];
            ScratchArrays.give(last);
        }
        assertTrue(ScratchArrays.sizes()[1] <= ScratchArrays.MAX_ARRAYS);
        double[] longest = ScratchArrays.takeDoubles(last.length);
        assertSame(last, longest, "the last and longest buffer displaced a shorter one");
        ScratchArrays.give(longest);
    }
}
