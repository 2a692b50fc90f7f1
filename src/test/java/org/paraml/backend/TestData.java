package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.paraml.linalg.Matrix;

/** Random problems and tolerance assertions shared by the backend tests. */
public final class TestData {
    /** The sizes the backends are tested on: around vector lengths and a large odd one. */
    public static final int[] SIZES = {1, 3, 4, 7, 8, 9, 63, 64, 65, 1021};

    private TestData() {
    }

    /** True in the surefire run that adds {@code --add-modules jdk.incubator.vector}. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** A rows × cols matrix of uniform values in [−1, 1). */
    public static Matrix uniform(long seed, int rows, int cols) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] data = new double[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextDouble(-1.0, 1.0);
        }
        return Matrix.wrap(data, rows, cols);
    }

    /**
     * The same values as {@code m}, as a row view with gaps: every row of {@code m} followed by a junk
     * row, then {@code selectRows} of the even rows, so offsets are not {@code i·cols}.
     */
    public static Matrix asView(Matrix m, long seed) {
        int n = m.rows();
        int d = m.cols();
        Matrix junk = uniform(seed, 2 * n + 1, d);
        double[] data = junk.data();
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            // reversed placement so the view's row order differs from storage order
            int slot = 2 * (n - 1 - i) + 1;
            System.arraycopy(m.data(), m.offset(i), data, slot * d, d);
            pick[i] = slot;
        }
        return Matrix.wrap(data, 2 * n + 1, d).selectRows(pick);
    }

    /** Asserts {@code |got − want| <= RELATIVE_TOLERANCE·|want| + ABSOLUTE_TOLERANCE} elementwise. */
    public static void assertClose(String what, double[] want, double[] got) {
        if (want.length != got.length) {
            fail(what + ": lengths " + want.length + " vs " + got.length);
        }
        for (int i = 0; i < want.length; i++) {
            double allowed = Backend.RELATIVE_TOLERANCE * Math.abs(want[i]) + Backend.ABSOLUTE_TOLERANCE;
            if (!(Math.abs(got[i] - want[i]) <= allowed) && !(Double.compare(got[i], want[i]) == 0)) {
                fail(what + ": element " + i + " is " + got[i] + ", reference " + want[i] + " (allowed error "
                        + allowed + ")");
            }
        }
    }

    /** As {@link #assertClose(String, double[], double[])} for float32 outputs, plus one float rounding. */
    public static void assertClose(String what, float[] want, float[] got) {
        for (int i = 0; i < want.length; i++) {
            double allowed = Math.ulp(want[i]) + Backend.RELATIVE_TOLERANCE * Math.abs(want[i])
                    + Backend.ABSOLUTE_TOLERANCE;
            if (!(Math.abs(got[i] - want[i]) <= allowed) && !(Float.compare(got[i], want[i]) == 0)) {
                fail(what + ": element " + i + " is " + got[i] + ", reference " + want[i] + " (allowed error "
                        + allowed + ")");
            }
        }
    }

    /**
     * Asserts that labels agree except at true near-ties: where they differ, the reference distances
     * of the two centres must agree within the tolerance. Returns the number of near-tie differences.
     */
    public static int assertLabelsAgree(String what, Matrix x, Matrix centers, int[] want, int[] got) {
        int ties = 0;
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) {
                double dw = ScalarBackend.squaredDistance(x, i, centers, want[i]);
                double dg = ScalarBackend.squaredDistance(x, i, centers, got[i]);
                double scale = ScalarBackend.dot(x, i, x, i) + ScalarBackend.dot(centers, got[i], centers, got[i]);
                if (!(Math.abs(dg - dw) <= Backend.RELATIVE_TOLERANCE * (dw + scale) + Backend.ABSOLUTE_TOLERANCE)) {
                    fail(what + ": row " + i + " has label " + got[i] + " (distance " + dg + "), reference "
                            + want[i] + " (distance " + dw + ")");
                }
                ties++;
            }
        }
        return ties;
    }

    /** {@code n} floats drawn uniformly from {@code [lo, hi)} (rounded from doubles). */
    public static float[] floats(SplittableRandom r, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) r.nextDouble(lo, hi);
        }
        return v;
    }

    /** {@code n} doubles drawn uniformly from {@code [lo, hi)}. */
    public static double[] doubles(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = r.nextDouble(lo, hi);
        }
        return v;
    }

    /**
     * Runs {@code mainClass} in a fresh JVM on this test run's class path, with the module
     * {@code jdk.incubator.vector} readable and the given JVM options, and returns its output (stdout and
     * stderr together); fails if it has not ended within {@code seconds} or exits with a non-zero status.
     */
    public static String runInFreshJvm(Class<?> mainClass, int seconds, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS),
                mainClass.getSimpleName() + " did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
