package org.paraml.backend;

/**
 * Decides, for one of {@link WarmingSmoOps}'s loops (or another backend's, such as the SIMD k-means
 * search), when its calls move from the scalar loop to the vector loop. Until C2 has compiled a Vector
 * API loop, every vector in it is a heap object and the loop is ~500× slower than the scalar loop
 * (measured in a fresh JVM: ~600 against ~1 ns a position); once compiled it is about twice as fast. The two give the same bits, so the choice is only about time, and
 * it is made from the calls' own times.
 *
 * <p>While <b>warming</b>, a call of at least {@link #MIN_PROBED} positions first runs the scalar loop on a
 * probe of {@link #PROBE} to {@code PROBE + 7} positions and the vector loop on as many, both timed, then
 * the scalar loop on the rest. Short probes are what make this cheap: the JIT compiles a method after
 * enough calls and loop iterations, and many short calls reach that for a small fraction of the
 * uncompiled work of whole calls; their varying lengths run the loops' tails, so that the compiled code
 * does not trap on them later. The vector loop takes over for good after {@link #FAST_IN_A_ROW} probes in
 * a row within {@link #COMPILED_RATIO}× of the fastest scalar probe, per position: a margin that separates
 * compiled vector code (≤ 1×) from uncompiled code (hundreds of times) on a noisy host.
 *
 * <p>The scalar probe runs first because it takes the cache misses: with the vector probe first, a loop over
 * data coming from memory (a search's scoring, summing rows of a shared kernel matrix far larger than the
 * caches) had its vector probe wait on the first misses while the scalar probe found the next lines
 * prefetched, never came within 2× of it, and stayed scalar for the JVM's life (bench/RESULTS.md, session
 * 20). Timed second, the vector probe is judged on data the scalar one has brought to the cache; uncompiled
 * code is still hundreds of times slower there.
 *
 * <p>It never switches back. Timing one call in 16 once switched and handing a slow loop back to warming
 * (after the JIT drops compiled code on a trap) was tried: on a busy host, a call slowed by the scheduler
 * sent the loop back, its probes then trapped the compiled code for real, and two-thread fits were ~10%
 * slower (bench/RESULTS.md, session 18). A dropped loop now runs uncompiled until C2 compiles it again,
 * as every Vector API loop did before.
 *
 * <p>The counters are shared by every thread that runs the loop, without locks: a lost update only moves
 * the switch by a call or two, and never changes a result.
 */
public final class LoopWarmup {
    static final int PROBE = 64;
    /** Shorter calls run the scalar loop alone while warming: a probe of both loops would be most of them. */
    static final int MIN_PROBED = 4 * PROBE;
    static final int FAST_IN_A_ROW = 2;
    static final double COMPILED_RATIO = 2.0;

    private volatile boolean ready;
    private volatile double scalarBest = Double.POSITIVE_INFINITY;
    private volatile int fastInARow;
    /** The last vector probe's time per position (for diagnostics). */
    private volatile double lastVector = Double.NaN;
    private int probes;

    /** Whether every call now runs the vector loop. */
    public boolean ready() {
        return ready;
    }

    /**
     * While warming, the length of the probes for a call over {@code n} positions ({@link #PROBE} to
     * {@code PROBE + 7}), or 0 when the call runs the scalar loop alone (it is shorter than
     * {@link #MIN_PROBED}).
     */
    int probeLength(int n) {
        return n >= MIN_PROBED ? PROBE + (++probes & 7) : 0;
    }

    /** Records one call's probes: {@code p} positions took {@code vectorNanos} and {@code scalarNanos}. */
    public void probed(int p, long vectorNanos, long scalarNanos) {
        double scalar = (double) scalarNanos / p;
        if (scalar < scalarBest) {
            scalarBest = scalar;
        }
        double vector = (double) vectorNanos / p;
        lastVector = vector;
        if (vector <= COMPILED_RATIO * scalarBest) {
            if (++fastInARow >= FAST_IN_A_ROW) {
                ready = true;
            }
        } else {
            fastInARow = 0;
        }
    }

    /** The state, for diagnostics: ready, probes so far, the fastest scalar and the last vector ns a position. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "LoopWarmup[ready=%s, probes=%d, scalar best %.3f ns, last vector %.3f ns]",
                ready, probes, scalarBest, lastVector);
    }
}
