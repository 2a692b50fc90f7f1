package libsvm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test access to the libsvm Java port's package-private solver (this class lives in the port's
 * package on the test class path), so that ParaML's SMO can be compared with libsvm's step for
 * step: the same dual objective, rho, alphas and iteration count.
 */
public final class LibsvmOracle {
    private static final Pattern ITER = Pattern.compile("#iter = (\\d+)");

    private LibsvmOracle() {
    }

    /** One binary solve. */
    public record Solution(double[] alpha, double rho, double objective, int iterations) {
    }

    /** libsvm's kernel_type codes. */
    public static int kernelCode(String sklearnName) {
        return switch (sklearnName) {
            case "linear" -> svm_parameter.LINEAR;
            case "poly" -> svm_parameter.POLY;
            case "rbf" -> svm_parameter.RBF;
            case "sigmoid" -> svm_parameter.SIGMOID;
            default -> throw new IllegalArgumentException(sklearnName);
        };
    }

    public static svm_node[] nodes(double[] row) {
        svm_node[] n = new svm_node[row.length];
        for (int j = 0; j < row.length; j++) {
            n[j] = new svm_node();
            n[j].index = j + 1;
            n[j].value = row[j];
        }
        return n;
    }

    public static svm_parameter parameter(String kernel, double gamma, double coef0, int degree, double c, double eps,
                                          boolean shrinking, double cacheMb) {
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        p.kernel_type = kernelCode(kernel);
        p.gamma = gamma;
        p.coef0 = coef0;
        p.degree = degree;
        p.C = c;
        p.eps = eps;
        p.shrinking = shrinking ? 1 : 0;
        p.cache_size = cacheMb;
        p.probability = 0;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        return p;
    }

    /**
     * libsvm's {@code solve_c_svc} core: {@code Solver.Solve} on {@code SVC_Q} for points {@code x}
     * with labels ±1 and bounds Cp / Cn.
     *
     * @return alpha (unsigned, problem order), rho, objective, iterations
     */
    @SuppressWarnings("auxiliaryclass") // Solver and SVC_Q live in the port's svm.java
    public static Solution solveBinary(double[][] x, byte[] y, String kernel, double gamma, double coef0, int degree,
                                       double cp, double cn, double eps, boolean shrinking, double cacheMb) {
        int l = x.length;
        svm_problem prob = new svm_problem();
        prob.l = l;
        prob.x = new svm_node[l][];
        prob.y = new double[l];
        for (int i = 0; i < l; i++) {
            prob.x[i] = nodes(x[i]);
            prob.y[i] = y[i];
        }
        svm_parameter param = parameter(kernel, gamma, coef0, degree, 1.0, eps, shrinking, cacheMb);
        double[] minusOnes = new double[l];
        java.util.Arrays.fill(minusOnes, -1);
        double[] alpha = new double[l];
        Solver.SolutionInfo si = new Solver.SolutionInfo();
        List<String> log = new ArrayList<>();
        svm.svm_set_print_string_function(log::add);
        try {
            new Solver().Solve(l, new SVC_Q(prob, param, y.clone()), minusOnes, y.clone(), alpha, cp, cn, eps, si,
                    shrinking ? 1 : 0);
        } finally {
            svm.svm_set_print_string_function(null);
        }
        int iterations = -1;
        for (String s : log) {
            Matcher m = ITER.matcher(s);
            if (m.find()) {
                iterations = Integer.parseInt(m.group(1));
            }
        }
        return new Solution(alpha, si.rho, si.obj, iterations);
    }

    /** {@code svm_train} of the port, quietly. */
    public static svm_model train(double[][] x, double[] y, svm_parameter param) {
        svm_problem prob = new svm_problem();
        prob.l = x.length;
        prob.x = new svm_node[x.length][];
        prob.y = y.clone();
        for (int i = 0; i < x.length; i++) {
            prob.x[i] = nodes(x[i]);
        }
        String err = svm.svm_check_parameter(prob, param);
        if (err != null) {
            throw new IllegalArgumentException(err);
        }
        svm.svm_set_print_string_function(s -> { });
        try {
            return svm.svm_train(prob, param);
        } finally {
            svm.svm_set_print_string_function(null);
        }
    }

    /** {@code svm_predict_values}: the pair decision values of one point. */
    public static double[] decisionValues(svm_model model, double[] row) {
        int k = model.nr_class;
        double[] dec = new double[k * (k - 1) / 2];
        svm.svm_predict_values(model, nodes(row), dec);
        return dec;
    }

    /** libsvm's {@code sigmoid_train} (private in the port), by reflection. */
    public static double[] sigmoidTrain(double[] dec, double[] labels) throws ReflectiveOperationException {
        var m = svm.class.getDeclaredMethod("sigmoid_train", int.class, double[].class, double[].class, double[].class);
        m.setAccessible(true);
        double[] ab = new double[2];
        m.invoke(null, dec.length, dec, labels, ab);
        return ab;
    }

    /** libsvm's {@code multiclass_probability} (private in the port), by reflection. */
    public static double[] multiclassProbability(double[][] r) throws ReflectiveOperationException {
        var m = svm.class.getDeclaredMethod("multiclass_probability", int.class, double[][].class, double[].class);
        m.setAccessible(true);
        double[] p = new double[r.length];
        m.invoke(null, r.length, r, p);
        return p;
    }
}
