package org.paraml.bench;

/**
 * The summation read of the benchmarks' memory passes: every value of {@code a[from, to)} read once
 * into eight independent accumulators, so that the loop runs at the memory read rate rather than at
 * the latency of one floating-point add chain (no Vector API needed).
 */
final class SumPass {
    private SumPass() {
    }

    static double sum(double[] a, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
