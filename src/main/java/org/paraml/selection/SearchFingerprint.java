package org.paraml.selection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.paraml.linalg.Matrix;

/**
 * What identifies a search for its journal: SHA-256 digests of the estimator's class, its
 * parameters, the candidate list, the splits, the scoring (with {@code return_train_score} and
 * {@code error_score}) and the data (X's shape and values, y). Two searches with equal parts give
 * the same results for every task, so a journal written by one can be resumed by the other. The
 * number of jobs and the executor are not part of it: results do not depend on them.
 */
final class SearchFingerprint {
    private final Map<String, String> parts;
    private final String digest;

    private SearchFingerprint(Map<String, String> parts) {
        this.parts = Map.copyOf(parts);
        StringBuilder all = new StringBuilder();
        new TreeMap<>(parts).forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        this.digest = sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SearchFingerprint of(SearchJob job, String scoringName) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("estimator", sha256(job.estimator().getClass().getName()));
        p.put("params", sha256(canonical(job.estimator().getParams())));
        StringBuilder cands = new StringBuilder();
        for (Map<String, Object> c : job.candidates()) {
            cands.append(canonical(c)).append('\n');
        }
        p.put("candidates", sha256(cands.toString()));
        MessageDigest splits = newDigest();
        for (Split s : job.splits()) {
            update(splits, s.train());
            update(splits, s.test());
        }
        p.put("splits", HexFormat.of().formatHex(splits.digest()));
        p.put("scoring", sha256(scoringName + ";return_train_score=" + job.returnTrainScore() + ";error_score="
                + job.errorScore()));
        p.put("data", dataDigest(job.x(), job.y()));
        return new SearchFingerprint(p);
    }

    /** The digest of everything. */
    String digest() {
        return digest;
    }

    /** Digest of each part, by name. */
    Map<String, String> parts() {
        return parts;
    }

    private static String canonical(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(params).forEach((k, v) -> sb.append(k).append('=').append(canonicalValue(v)).append(';'));
        return sb.append('}').toString();
    }

    private static String canonicalValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map{");
            new TreeMap<>(m.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> String.valueOf(e.getKey()), e -> canonicalValue(e.getValue()))))
                    .forEach((k, x) -> sb.append(k).append(':').append(x).append(','));
            return sb.append('}').toString();
        }
        if (v instanceof Iterable<?> it) {
            StringBuilder sb = new StringBuilder("list[");
            it.forEach(x -> sb.append(canonicalValue(x)).append(','));
            return sb.append(']').toString();
        }
        if (v instanceof Matrix m) {
            // a parameter such as KMeans' explicit init: its values, not its toString (which names only the shape)
            return "matrix:" + dataDigest(m, null);
        }
        return ParameterValues.canonical(v);
    }

    private static String dataDigest(Matrix x, int[] y) {
        MessageDigest d = newDigest();
        ByteBuffer row = ByteBuffer.allocate(Math.max(8, x.cols() * 8));
        d.update(ByteBuffer.allocate(8).putInt(x.rows()).putInt(x.cols()).array());
        double[] data = x.data();
        for (int i = 0; i < x.rows(); i++) {
            row.clear();
            int o = x.offset(i);
            for (int j = 0; j < x.cols(); j++) {
                row.putLong(Double.doubleToLongBits(data[o + j]));
            }
            d.update(row.array(), 0, x.cols() * 8);
        }
        if (y == null) {
            d.update((byte) 0);
        } else {
            d.update((byte) 1);
            update(d, y);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void update(MessageDigest d, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * values.length);
        b.putInt(values.length);
        for (int v : values) {
            b.putInt(v);
        }
        d.update(b.array());
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
