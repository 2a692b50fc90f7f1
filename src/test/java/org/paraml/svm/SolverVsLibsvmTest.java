package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import libsvm.LibsvmOracle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.backend.SmoOps;

/**
 * ParaML's SMO against the libsvm Java port's {@code Solver} on the same binary problems, for all
 * four kernels, shrinking on and off, and caches from two columns (constant eviction and position
 * swaps inside cached columns) to the whole matrix (filled up front in batches).
 *
 * <ul>
 *   <li>With kernel values computed by libsvm's own formulas ({@link PlainKernelSource}) the run is
 *       the same computation: the same number of iterations, and objective, rho and every alpha
 *       equal within 1e-12 of their scale (in practice bit for bit).</li>
 *   <li>With each available {@link org.paraml.backend.Backend} (its kernel values may differ from
 *       libsvm's in the last bits of float64, hence rarely in a float32 cache entry): objective,
 *       rho and alphas within 1e-6 of their scale, the same support set, iterations within 2%.</li>
 * </ul>
 */
class SolverVsLibsvmTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        String[] kernels = {"linear", "poly", "rbf", "sigmoid"};
        double[] caches = {0.001, 200};
        for (String k : kernels) {
            for (boolean shrinking : new boolean[] {true, false}) {
                for (double cache : caches) {
                    out.add(Arguments.of(k, shrinking, cache, 300, 3, 10.0, 11L));
                }
            }
            out.add(Arguments.of(k, true, 200, 57, 2, 0.5, 5L));
        }
        // more iterations than min(l, 1000): several shrinking rounds, the 10·tol unshrink, reconstruction
        out.add(Arguments.of("rbf", true, 0.5, 1200, 4, 100.0, 3L));
        out.add(Arguments.of("linear", true, 0.5, 1200, 4, 1.0, 4L));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} shrinking={1} cache={2}MB n={3} d={4} C={5}")
    @MethodSource("cases")
    void libsvmFormulasGiveLibsvmsRun(String kernel, boolean shrinking, double cacheMb, int n, int d, double c,
                                      long seed) {
        compare(kernel, shrinking, cacheMb, n, d, c, seed, null);
    }

    static Stream<Arguments> backendCases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : TestBackends.names()) {
            cases().forEach(a -> {
                Object[] v = a.get();
                Object[] w = Arrays.copyOf(v, v.length + 1);
                w[v.length] = backend;
                out.add(Arguments.of(w));
            });
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{7}: {0} shrinking={1} cache={2}MB n={3} d={4} C={5}")
    @MethodSource("backendCases")
    void backendsGiveLibsvmsSolution(String kernel, boolean shrinking, double cacheMb, int n, int d, double c,
                                     long seed, String backend) {
        compare(kernel, shrinking, cacheMb, n, d, c, seed, backend);
    }

    private static void compare(String kernel, boolean shrinking, double cacheMb, int n, int d, double c, long seed,
                                String backend) {
        TestData.Points p = TestData.blobs(n, d, 2, 1.2, seed);
        double gamma = kernel.equals("sigmoid") ? 0.05 : kernel.equals("poly") ? 0.3 : 0.5;
        double coef0 = kernel.equals("sigmoid") ? -0.3 : kernel.equals("poly") ? 1.0 : 0.0;
        int degree = 3;
        byte[] y = new byte[n];
        int[] rows = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (p.y()[i] == 0 ? 1 : -1);
            rows[i] = i;
            w[i] = 1;
        }
        double cp = c;
        double cn = c * 1.5;
        KernelParams kp = new KernelParams(SVC.Kernel.parse(kernel), gamma, coef0, degree);
        KernelSource source = backend == null ? new PlainKernelSource(kp, p.x())
                : Kernels.source(kp, p.x(), TestBackends.byName(backend), 2);
        SolverResult mine = BinarySvc.train(source, rows, y, w, cp, cn, new SolverSettings(1e-3, shrinking, cacheMb, -1, SmoOps.best()),
                null, 1);
        LibsvmOracle.Solution ref = LibsvmOracle.solveBinary(p.rows(), y, kernel, gamma, coef0, degree, cp, cn, 1e-3,
                shrinking, cacheMb);

        double tol = backend == null ? 1e-12 : 1e-6;
        if (backend == null) {
            assertEquals(ref.iterations(), mine.iterations(), "iterations");
        } else {
            assertEquals(ref.iterations(), mine.iterations(), Math.max(2, 0.02 * ref.iterations()), "iterations");
        }
        double scale = Math.max(1, Math.abs(ref.objective()));
        assertEquals(ref.objective(), mine.objective(), tol * scale, "objective");
        assertEquals(ref.rho(), mine.rho(), tol * Math.max(1, Math.abs(ref.rho())), "rho");
        for (int i = 0; i < n; i++) {
            double refSigned = ref.alpha()[i] * y[i];
            assertEquals(refSigned, mine.alpha()[i], tol * Math.max(cp, cn), "alpha " + i);
            assertEquals(ref.alpha()[i] > 0, mine.alpha()[i] != 0, "support vector " + i);
        }
        assertEquals(false, mine.timedOut());
        assertEquals(true, Arrays.stream(mine.alpha()).anyMatch(a -> a != 0));
    }
}
