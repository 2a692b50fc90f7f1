package org.paraml.svm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.paraml.backend.SmoOps;

/**
 * A second thread for one SMO solve: it runs the upper part {@code [mid, n)} of a step's O(l) loops
 * (the gradient update with the next first index, the working-set scans, the {@code G_bar} update)
 * while the solver's thread runs the lower part {@code [0, mid)}; the solver then combines the two
 * parts. A new kernel column (when the provider can split columns) is shared in chunks instead, each
 * taken by whichever thread is free ({@link #postColumn}). Each part does
 * exactly the arithmetic of the whole loop on its positions, and the parts combine by the scan's own
 * rule (the upper part's index wins ties, as the last of equal values), so the solve gives the same
 * result, bit for bit, with or without a partner. The partner is the second thread of the fit's
 * thread budget.
 *
 * <p>A step has two to five hand-offs, each a few hundred nanoseconds when the partner is spinning,
 * so a partner is used only for problems of at least {@link #MIN_POSITIONS} active positions. The
 * partner spins for a short while after each command and then parks; a command that the partner
 * has not picked up by the time the solver has finished its own part (the partner was descheduled,
 * or parked) is run by the solver itself, so a busy machine slows a solve down to the one-thread
 * speed but never stalls it.
 *
 * <p>A partner that loses its core in the middle of a command (the machine is busy with other
 * processes, the JIT compiles, the collector pauses, the hypervisor preempts) makes the solver wait,
 * and a partner that gets no core at all leaves every command to the solver while its spinning may
 * take turns with the solver on one core. Such time is <em>lost</em>: a stall's whole wait, and the
 * span of eight commands in a row that the partner did not pick up. The solver keeps the lost time
 * within {@link #LOST_SHARE} of the solve's time: once it is over, the solver runs its loops alone
 * (the partner parks) until the solve's time has grown enough to bring it back under. A quiet
 * machine (a few millisecond stalls in a solve of seconds) keeps splitting throughout; a busy one
 * costs at most about that share over the one-thread speed.
 *
 * <p>Protocol: the solver writes a command's fields, then publishes it by incrementing
 * {@code posted} (a volatile write that makes the fields visible); whichever thread moves
 * {@code claimed} from the previous number to this one runs the upper part; the partner publishes
 * its results by writing {@code finished}. One command is in flight at a time.
 */
final class SmoPartner implements AutoCloseable {
    /** The fewest active positions for which a step's loops are split between two threads. */
    static final int MIN_POSITIONS = 4096;
    /** How long the partner spins for the next command before it parks (nanoseconds). */
    private static final long SPIN_NANOS = 50_000;

    private static final int UPDATE_ARGMAX = 1;
    private static final int ARGMAX = 2;
    private static final int ARGMIN = 3;
    private static final int ADD_SCALED = 4;
    private static final int COLUMN = 5;
    private static final int STOP = 6;
    /** Positions of a column chunk ({@link #postColumn}): ~14 µs of rbf values at 20 features, a multiple of 64. */
    static final int COLUMN_CHUNK = 2048;

    /**
     * A wait for the partner longer than this (and longer than the solver's own part took) means the
     * partner was descheduled mid-command: far beyond any imbalance of two halves of one loop.
     */
    private static final long STALL_NANOS = 500_000;
    /**
     * The most of a solve's time that waits for a stalled or absent partner may take before the solver
     * runs alone for a while. Counting the split opportunities instead (1,024 after a stall, doubled after
     * each further one) left a two-thread 50,000-point fit alone for 65-99% of its steps after a few
     * stalls of a few milliseconds each, and about 1.2× slower than splitting throughout.
     */
    static final double LOST_SHARE = 0.05;
    /** After this many commands in a row that the partner did not pick up, their span counts as lost. */
    private static final int MAX_UNCLAIMED = 8;

    private static final ExecutorService THREADS = createThreads();

    private final SmoOps ops;
    private final LongSupplier clock;
    private final AtomicInteger posted = new AtomicInteger();
    private final AtomicInteger claimed = new AtomicInteger();
    private volatile int finished;
    private volatile Thread sleeping;
    // the solver thread's own bookkeeping (not shared)
    private long postedAt;
    /** Whether the last posted command was awaited (false when the solver left its step by an exception). */
    private boolean awaited = true;
    /** When the partner started (the clock's nanoseconds). */
    private final long startedAt;
    /** Nanoseconds lost waiting for a stalled partner, or to runs of commands it did not pick up. */
    private long lost;
    /** Until when the solver runs alone (0: it splits). */
    private long aloneUntil;
    /** Commands in a row that the solver had to run itself because the partner had not picked them up. */
    private int unclaimed;
    /** When the first of those was posted. */
    private long unclaimedSince;

    // the command in flight (written by the solver before it posts)
    private int op;
    private int from;
    private int to;
    private double[] g;
    private double[] vector;
    private double[] qd;
    private float[] qi;
    private float[] qj;
    private double a;
    private double b;
    private double[] bar;
    private boolean barI;
    private double si;
    private boolean barJ;
    private double sj;
    private double gmax;
    private double qdi;
    private double twoYi;
    private double tau;
    private ColumnProvider provider;
    private int position;
    private float[] out;
    private float sign;
    private float[] signs;
    /** Chunks of the posted column, and the next one no thread has taken. */
    private int chunks;
    private final AtomicInteger nextChunk = new AtomicInteger();
    // the upper part's results (written by whichever thread ran it)
    private int index;
    private final double[] result = new double[2];
    private Throwable failure;

    private SmoPartner(SmoOps ops, LongSupplier clock) {
        this.ops = ops;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
    }

    /** A partner on a thread of its own, or null when {@code threads < 2}. */
    static SmoPartner start(SmoOps ops, int threads) {
        return start(ops, threads, System::nanoTime);
    }

    /** As {@link #start(SmoOps, int)}, with the time from {@code clock} (nanoseconds; tests move it by hand). */
    static SmoPartner start(SmoOps ops, int threads, LongSupplier clock) {
        if (threads < 2) {
            return null;
        }
        SmoPartner p = new SmoPartner(ops, clock);
        THREADS.execute(p::serve);
        return p;
    }

    /**
     * Counts {@code nanos} as lost at time {@code now}; when the lost time is more than {@link #LOST_SHARE}
     * of the time since the start, the solver runs alone until it is that share again.
     */
    private void lose(long nanos, long now) {
        lost += nanos;
        long until = startedAt + (long) (lost / LOST_SHARE);
        if (until > now) {
            aloneUntil = until;
        }
    }

    /** Whether the partner ran command {@code n} (it has finished it and the solver did not claim it). */
    private boolean claimedByPartner(int n) {
        return finished == n;
    }

    /**
     * Whether the solver should split its next loop: false while the time lost to the partner's stalls is
     * over its share of the solve's time.
     */
    boolean available() {
        if (aloneUntil != 0) {
            if (clock.getAsLong() < aloneUntil) {
                return false;
            }
            aloneUntil = 0;
        }
        return true;
    }

    /**
     * A partner whose thread never runs: every command is run by the solver, as on a machine that
     * has no core free for the partner. For tests of the solver's side, with the time from {@code clock}.
     */
    static SmoPartner withoutThread(SmoOps ops, LongSupplier clock) {
        return new SmoPartner(ops, clock);
    }

    /** Where a range of {@code n} positions splits: about half way, on a 64-position boundary. */
    static int split(int n) {
        return (n / 2) & ~63;
    }

    /**
     * Posts {@code updateGradientAndBar} (the gradient, and {@code G_bar} for the columns whose flag is set)
     * then {@code argmaxUp} on {@code [from, to)}; the index comes from {@link #awaitIndex()}.
     */
    void postUpdateAndArgmax(double[] g, float[] qi, double dai, float[] qj, double daj, double[] gBar, boolean barI,
                             double si, boolean barJ, double sj, double[] up, int from, int to) {
        this.g = g;
        this.qi = qi;
        this.a = dai;
        this.qj = qj;
        this.b = daj;
        this.bar = gBar;
        this.barI = barI;
        this.si = si;
        this.barJ = barJ;
        this.sj = sj;
        this.vector = up;
        post(UPDATE_ARGMAX, from, to);
    }

    /** Posts {@code argmaxUp} on {@code [from, to)}. */
    void postArgmax(double[] g, double[] up, int from, int to) {
        this.g = g;
        this.vector = up;
        post(ARGMAX, from, to);
    }

    /** Posts {@code argminSecondOrder} on {@code [from, to)}; its two values come from {@link #result()}. */
    void postArgmin(double[] g, double[] low, double[] qd, float[] qi, double gmax, double qdi, double twoYi,
                    double tau, int from, int to) {
        this.g = g;
        this.vector = low;
        this.qd = qd;
        this.qi = qi;
        this.gmax = gmax;
        this.qdi = qdi;
        this.twoYi = twoYi;
        this.tau = tau;
        post(ARGMIN, from, to);
    }

    /** Posts {@code addScaled(v, col, s, from, to)}. */
    void postAddScaled(double[] v, float[] col, double s, int from, int to) {
        this.vector = v;
        this.qi = col;
        this.a = s;
        post(ADD_SCALED, from, to);
    }

    /**
     * Posts {@code provider.signedColumnRange(position, from, to, out, sign, signs)} in chunks of
     * {@link #COLUMN_CHUNK} positions (on multiples of it) that either thread takes, the next free one
     * each time; {@link #columnChunks()} takes the solver's share.
     */
    void postColumn(ColumnProvider provider, int position, int from, int to, float[] out, float sign, float[] signs) {
        this.provider = provider;
        this.position = position;
        this.out = out;
        this.sign = sign;
        this.signs = signs;
        this.chunks = (to - (from - from % COLUMN_CHUNK) + COLUMN_CHUNK - 1) / COLUMN_CHUNK;
        nextChunk.set(0);
        post(COLUMN, from, to);
    }

    /**
     * Computes the posted column's chunks that no thread has taken yet, one at a time, until none is left
     * (the solver, then the partner when it runs the command); after it the solver's {@link #await()} waits
     * at most for the chunk the partner is computing, where a partner slow to wake had a fixed half left.
     */
    void columnChunks() {
        int base = from - from % COLUMN_CHUNK;
        for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
            int lo = Math.max(from, base + c * COLUMN_CHUNK);
            int hi = Math.min(to, base + (c + 1) * COLUMN_CHUNK);
            provider.signedColumnRange(position, lo, hi, out, sign, signs);
        }
    }

    /** Waits for the posted command (or runs it here) and returns its index. */
    int awaitIndex() {
        await();
        return index;
    }

    /** Waits for the posted command (or runs it here). */
    void await() {
        awaited = true;
        int n = posted.get();
        if (claimed.compareAndSet(n - 1, n)) {
            run(); // not picked up yet: cheaper to run it here than to wait for the partner to wake
            if (unclaimed++ == 0) {
                unclaimedSince = postedAt;
            }
            if (unclaimed == MAX_UNCLAIMED) {
                // the partner has not been running (no core for it, or it parked and is slow to wake): count
                // the run as lost, so that on a busy machine it parks instead of taking turns with this thread
                long now = clock.getAsLong();
                lose(now - unclaimedSince, now);
                unclaimed = 0;
            }
        } else if (finished != n) {
            long start = clock.getAsLong();
            spinUntilFinished(n);
            long now = clock.getAsLong();
            long waited = now - start;
            if (waited > STALL_NANOS && waited > start - postedAt) {
                // the partner lost its core in the middle of a command
                lose(waited, now);
            }
        }
        if (claimedByPartner(n)) {
            unclaimed = 0;
        }
        Throwable e = failure;
        if (e != null) {
            failure = null;
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The upper part's {@code result} of the last {@code argminSecondOrder}: the largest w and obj_j. */
    double[] result() {
        return result;
    }

    /** Ends the partner's thread (it returns to the pool). */
    @Override
    public void close() {
        int last = posted.get();
        if (!awaited && !claimed.compareAndSet(last - 1, last)) {
            // the solver left without awaiting a command the partner runs (an exception in its own half): the
            // command's arrays go back to the pools once the solve ends, so it must end first
            spinUntilFinished(last);
        }
        awaited = true;
        op = STOP;
        int n = posted.incrementAndGet();
        claimed.set(n);
        wake();
    }

    /** Spins (yielding now and then) until the partner has finished command {@code n}. */
    private void spinUntilFinished(int n) {
        for (int spins = 0; finished != n; spins++) {
            if ((spins & 1023) == 1023) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private void post(int command, int lo, int hi) {
        this.op = command;
        this.from = lo;
        this.to = hi;
        postedAt = clock.getAsLong();
        awaited = false;
        posted.incrementAndGet();
        wake();
    }

    private void wake() {
        Thread t = sleeping;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        try {
            switch (op) {
                case UPDATE_ARGMAX -> {
                    ops.updateGradientAndBar(g, qi, a, qj, b, bar, barI, si, barJ, sj, from, to);
                    index = ops.argmaxUp(g, vector, from, to);
                }
                case ARGMAX -> index = ops.argmaxUp(g, vector, from, to);
                case ARGMIN -> index = ops.argminSecondOrder(g, vector, qd, qi, gmax, qdi, twoYi, tau, from, to, result);
                case ADD_SCALED -> ops.addScaled(vector, qi, a, from, to);
                case COLUMN -> columnChunks();
                default -> throw new IllegalStateException("unknown SMO partner command " + op);
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** The partner's loop: wait for a command, claim it unless the solver did, run it, publish. */
    private void serve() {
        int seen = 0;
        while (true) {
            int n = awaitPost(seen);
            seen = n;
            // close() writes STOP only once no command is left for this thread, and marks it claimed only after
            // posting it: a partner that waited for the mark could look in between, miss it and wait for good
            if (op == STOP) {
                return;
            }
            if (claimed.compareAndSet(n - 1, n)) {
                run();
                finished = n;
            }
        }
    }

    /** Spins, then parks, until a command after {@code seen} is posted; returns its number. */
    private int awaitPost(int seen) {
        long deadline = 0;
        for (int spins = 0; ; spins++) {
            int n = posted.get();
            if (n != seen) {
                return n;
            }
            if ((spins & 255) == 0) {
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + SPIN_NANOS;
                } else if (now > deadline) {
                    sleeping = Thread.currentThread();
                    if (posted.get() == seen) {
                        LockSupport.park(this);
                    }
                    sleeping = null;
                    deadline = 0;
                    continue;
                }
            }
            Thread.onSpinWait();
        }
    }

    private static ExecutorService createThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "paraml-smo-partner-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }
}
