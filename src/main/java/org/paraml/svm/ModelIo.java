package org.paraml.svm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.paraml.data.FileFormatException;
import org.paraml.data.Npy;
import org.paraml.linalg.Matrix;

/**
 * Saves and loads {@link SVCModel}s as described in {@code docs/svc-model-format.md}: a zip archive
 * of {@code model.json} (format name and version, the estimator's parameters under scikit-learn's
 * names, classes, intercepts and the other small attributes) and numpy {@code .npy} arrays
 * (support vectors, dual coefficients, support indices, Platt's A and B). Arrays use scikit-learn's
 * conventions ({@code dual_coef_}, {@code intercept_}), so numpy users can read them as they are.
 *
 * <p>Writes go to a temporary file in the target's folder, renamed over the target when complete.
 * Reads check everything they use and report a damaged or foreign file as a
 * {@link FileFormatException} naming the file and what is wrong. No Java serialization.
 */
final class ModelIo {
    static final String FORMAT = "paraml.svm.SVCModel";
    static final int VERSION = 1;
    static final String JSON_ENTRY = "model.json";
    private static final String[] ARRAYS = {"support_vectors", "dual_coef", "support", "prob_a", "prob_b"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelIo() {
    }

    static void save(SVCModel model, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Path scratch = Files.createTempDirectory("paraml-svc-");
        Path tmp = null;
        try {
            Npy.write(scratch.resolve("support_vectors.npy"), model.supportVectors());
            Npy.write(scratch.resolve("dual_coef.npy"), model.dualCoef());
            Npy.write(scratch.resolve("support.npy"), model.support());
            Npy.write(scratch.resolve("prob_a.npy"), model.probA());
            Npy.write(scratch.resolve("prob_b.npy"), model.probB());
            byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(model));

            // a plain new file (not createTempFile's owner-only one): the model gets the permissions of any file written here
            tmp = parent.resolve("." + target.getFileName() + "."
                    + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(JSON_ENTRY));
                zip.write(json);
                zip.closeEntry();
                for (String name : ARRAYS) {
                    zip.putNextEntry(new ZipEntry(name + ".npy"));
                    Files.copy(scratch.resolve(name + ".npy"), zip);
                    zip.closeEntry();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
            deleteTree(scratch);
        }
    }

    private static ObjectNode describe(SVCModel m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", VERSION);
        root.put("estimator", "SVC");
        ObjectNode params = root.putObject("params");
        for (Map.Entry<String, Object> e : m.params().getParams().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> map) {
                ObjectNode w = params.putObject(e.getKey());
                map.forEach((k, val) -> w.put(String.valueOf(k), (Double) val));
            } else {
                params.set(e.getKey(), JSON.valueToTree(v));
            }
        }
        root.put("gamma", m.gamma());
        root.set("classes", JSON.valueToTree(m.classes()));
        root.set("intercept", JSON.valueToTree(m.intercept()));
        root.set("n_support", JSON.valueToTree(m.nSupport()));
        root.set("n_iter", JSON.valueToTree(m.nIter()));
        root.set("objective", JSON.valueToTree(m.objective()));
        root.put("fit_status", m.fitStatus());
        root.set("shape_fit", JSON.valueToTree(m.shapeFit()));
        root.put("n_features_in", m.nFeaturesIn());
        ObjectNode arrays = root.putObject("arrays");
        arrays.put("support_vectors", "support_vectors.npy: float64 (n_SV, n_features); (0, 0) for kernel='precomputed'");
        arrays.put("dual_coef", "dual_coef.npy: float64 (n_classes - 1, n_SV), scikit-learn's dual_coef_");
        arrays.put("support", "support.npy: int64 (n_SV,), rows of the training input");
        arrays.put("prob_a", "prob_a.npy: float64 (n_pairs,) or (0,), scikit-learn's probA_");
        arrays.put("prob_b", "prob_b.npy: float64 (n_pairs,) or (0,), scikit-learn's probB_");
        return root;
    }

    static SVCModel load(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new FileFormatException(file, "not a ParaML SVC model: not a zip archive (" + e.getMessage()
                    + "); SVCModel.save writes a zip of model.json and .npy arrays");
        }
        Path scratch = Files.createTempDirectory("paraml-svc-");
        try (zip) {
            JsonNode root = readJson(file, zip);
            Map<String, Path> arrays = new HashMap<>();
            for (String name : ARRAYS) {
                ZipEntry e = zip.getEntry(name + ".npy");
                if (e == null) {
                    throw new FileFormatException(file, "entry " + name + ".npy is missing from the archive");
                }
                Path p = scratch.resolve(name + ".npy");
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, p);
                } catch (ZipException ze) {
                    throw new FileFormatException(file, "entry " + name + ".npy is damaged: " + ze.getMessage());
                }
                arrays.put(name, p);
            }
            return build(file, root, arrays);
        } catch (ZipException e) {
            throw new FileFormatException(file, "damaged zip archive: " + e.getMessage());
        } finally {
            deleteTree(scratch);
        }
    }

    private static JsonNode readJson(Path file, ZipFile zip) throws IOException {
        ZipEntry e = zip.getEntry(JSON_ENTRY);
        if (e == null) {
            throw new FileFormatException(file, "no " + JSON_ENTRY + " entry: not a ParaML SVC model");
        }
        JsonNode root;
        try (InputStream in = zip.getInputStream(e)) {
            root = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException ex) {
            throw new FileFormatException(file, JSON_ENTRY + " is not valid JSON: " + ex.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(text(root, "format"))) {
            throw new FileFormatException(file, JSON_ENTRY + " does not describe a ParaML SVC model (\"format\" is "
                    + (root != null && root.has("format") ? root.get("format") : "missing") + ", expected \"" + FORMAT
                    + "\")");
        }
        JsonNode v = root.get("format_version");
        if (v == null || !v.isInt() || v.asInt() < 1 || v.asInt() > VERSION) {
            throw new FileFormatException(file, "unsupported format_version " + v + " in " + JSON_ENTRY
                    + "; this ParaML reads versions 1 to " + VERSION);
        }
        return root;
    }

    private static SVCModel build(Path file, JsonNode root, Map<String, Path> arrays) throws IOException {
        try {
            SVC params = new SVC().withParams(params(field(root, "params")));
            int[] classes = ints(field(root, "classes"));
            double[] intercept = doubles(field(root, "intercept"));
            int[] nSupport = ints(field(root, "n_support"));
            int[] nIter = ints(field(root, "n_iter"));
            double[] objective = doubles(field(root, "objective"));
            int fitStatus = field(root, "fit_status").asInt();
            int[] shapeFit = ints(field(root, "shape_fit"));
            int nFeatures = field(root, "n_features_in").asInt();
            double gamma = field(root, "gamma").asDouble();

            Matrix sv = readMatrix(file, arrays, "support_vectors");
            Matrix dual = readMatrix(file, arrays, "dual_coef");
            int[] support = readInts(file, arrays, "support");
            double[] probA = readDoubles(file, arrays, "prob_a");
            double[] probB = readDoubles(file, arrays, "prob_b");

            int k = classes.length;
            int pairs = OneVsOne.pairs(k);
            int nsv = support.length;
            check(file, k >= 2, "classes has " + k + " entries, at least 2 are needed");
            check(file, nSupport.length == k, "n_support has " + nSupport.length + " entries for " + k + " classes");
            check(file, java.util.Arrays.stream(nSupport).sum() == nsv, "n_support sums to "
                    + java.util.Arrays.stream(nSupport).sum() + " but support.npy has " + nsv + " entries");
            check(file, intercept.length == pairs, "intercept has " + intercept.length + " entries, " + k
                    + " classes need " + pairs);
            check(file, nIter.length == pairs && objective.length == pairs, "n_iter and objective need " + pairs
                    + " entries");
            check(file, dual.rows() == k - 1 && (dual.cols() == nsv || nsv == 0), "dual_coef.npy has shape ("
                    + dual.rows() + ", " + dual.cols() + "), expected (" + (k - 1) + ", " + nsv + ")");
            check(file, probA.length == probB.length && (probA.length == 0 || probA.length == pairs),
                    "prob_a.npy and prob_b.npy must both have 0 or " + pairs + " entries, found " + probA.length
                            + " and " + probB.length);
            check(file, shapeFit.length == 2, "shape_fit must have 2 entries");
            boolean precomputed = params.kernel() == SVC.Kernel.PRECOMPUTED;
            if (precomputed) {
                check(file, sv.rows() == 0, "support_vectors.npy must be empty for kernel='precomputed'");
                sv = Matrix.zeros(0, 0);
            } else {
                check(file, sv.rows() == nsv && sv.cols() == nFeatures, "support_vectors.npy has shape ("
                        + sv.rows() + ", " + sv.cols() + "), expected (" + nsv + ", " + nFeatures + ")");
            }
            for (int s : support) {
                check(file, s >= 0 && s < shapeFit[0], "support index " + s + " is outside [0, " + shapeFit[0] + ")");
            }
            double sign = k == 2 ? -1 : 1;
            double[][] svCoef = new double[k - 1][nsv];
            for (int r = 0; r < k - 1; r++) {
                for (int s = 0; s < nsv; s++) {
                    svCoef[r][s] = sign * dual.get(r, s);
                }
            }
            double[] rho = new double[pairs];
            for (int p = 0; p < pairs; p++) {
                double sk = k == 2 ? -intercept[p] : intercept[p]; // libsvm's -rho
                rho[p] = sk != 0 ? -sk : 0;
            }
            return new SVCModel(params, gamma, classes, support, sv, nSupport, svCoef, rho, probA, probB, fitStatus,
                    nIter, objective, shapeFit[0], nFeatures);
        } catch (IllegalArgumentException e) {
            throw new FileFormatException(file, "invalid model: " + e.getMessage());
        }
    }

    private static Map<String, Object> params(JsonNode p) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            JsonNode v = e.getValue();
            Object value;
            if (v.isObject()) {
                Map<Integer, Double> w = new TreeMap<>();
                v.properties().forEach(f -> w.put(Integer.parseInt(f.getKey()), f.getValue().asDouble()));
                value = w;
            } else if (v.isNull()) {
                value = null;
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isIntegralNumber()) {
                value = e.getKey().equals("random_state") ? (Object) v.asLong() : (Object) v.asInt();
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else {
                value = v.asText();
            }
            m.put(e.getKey(), value);
        }
        return m;
    }

    private static Matrix readMatrix(Path file, Map<String, Path> arrays, String name) throws IOException {
        try {
            return Npy.readMatrix(arrays.get(name));
        } catch (FileFormatException e) {
            throw new FileFormatException(file, "entry " + name + ".npy: " + inner(e));
        }
    }

    private static int[] readInts(Path file, Map<String, Path> arrays, String name) throws IOException {
        try {
            return Npy.readInts(arrays.get(name));
        } catch (FileFormatException e) {
            throw new FileFormatException(file, "entry " + name + ".npy: " + inner(e));
        }
    }

    private static double[] readDoubles(Path file, Map<String, Path> arrays, String name) throws IOException {
        try {
            return Npy.readDoubles(arrays.get(name));
        } catch (FileFormatException e) {
            throw new FileFormatException(file, "entry " + name + ".npy: " + inner(e));
        }
    }

    /** The message of an error about a scratch copy, without the scratch path. */
    private static String inner(FileFormatException e) {
        String prefix = e.file() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(JSON_ENTRY + " has no \"" + name + "\"");
        }
        return v;
    }

    private static String text(JsonNode root, String name) {
        JsonNode v = root.get(name);
        return v == null ? null : v.asText();
    }

    private static int[] ints(JsonNode a) {
        if (!a.isArray()) {
            throw new IllegalArgumentException("expected an array of integers, found " + a);
        }
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).canConvertToInt()) {
                throw new IllegalArgumentException("expected an integer, found " + a.get(i));
            }
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    private static double[] doubles(JsonNode a) {
        if (!(a instanceof ArrayNode)) {
            throw new IllegalArgumentException("expected an array of numbers, found " + a);
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new IllegalArgumentException("expected a number, found " + a.get(i));
            }
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static void check(Path file, boolean ok, String message) throws FileFormatException {
        if (!ok) {
            throw new FileFormatException(file, message);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
