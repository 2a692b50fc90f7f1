package org.paraml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.paraml.data.Dataset;
import org.paraml.data.Labels;
import org.paraml.data.Npy;
import picocli.CommandLine.Option;

/** The output options and the report shared by the dataset generators. */
final class DatasetOutput {
    @Option(names = "--out-x", required = true, paramLabel = "FILE", description = "Where to write X (.npy, float64, n_samples × n_features).")
    Path outX;

    @Option(names = "--out-y", required = true, paramLabel = "FILE", description = "Where to write y (.npy, int64, n_samples).")
    Path outY;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    /**
     * Checks the output paths before any work is done (see {@link OutputFiles#check}), with the command's
     * other outputs and its input files.
     */
    void check(Map<String, Path> inputs, Map<String, Path> moreOutputs) {
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--out-x", outX);
        outputs.put("--out-y", outY);
        outputs.putAll(moreOutputs);
        OutputFiles.check(inputs, outputs);
    }

    /**
     * Writes X, y and {@code moreWrites} all or none ({@link OutputFiles#writeAll}: a failed write leaves
     * every earlier file as it was) and reports what was written.
     */
    void write(Dataset d, PrintWriter out, Map<String, Object> extra,
               Map<String, Map.Entry<Path, OutputFiles.Writer>> moreWrites) throws IOException {
        Map<String, Map.Entry<Path, OutputFiles.Writer>> writes = new LinkedHashMap<>();
        writes.put("--out-x", Map.entry(outX, path -> Npy.write(path, d.x())));
        writes.put("--out-y", Map.entry(outY, path -> Npy.write(path, d.y())));
        writes.putAll(moreWrites);
        OutputFiles.writeAll(writes);
        int[] classes = Labels.classes(d.y());
        int[] counts = Labels.counts(d.y(), classes);
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("n_samples", d.x().rows());
            fields.put("n_features", d.x().cols());
            fields.put("classes", classes);
            fields.put("class_counts", counts);
            fields.put("out_x", outX.toString());
            fields.put("out_y", outY.toString());
            fields.putAll(extra);
            JsonOutput.print(out, fields);
        } else {
            out.printf(Locale.ROOT, "wrote %s (%d x %d float64) and %s (%d int64)%n", outX, d.x().rows(), d.x().cols(), outY,
                    d.y().length);
            StringBuilder sb = new StringBuilder("class counts:");
            for (int k = 0; k < classes.length; k++) {
                sb.append(' ').append(classes[k]).append('=').append(counts[k]);
            }
            out.println(sb);
            extra.forEach((k, v) -> out.println(k + ": " + (v instanceof double[][] m ? Arrays.deepToString(m) : v)));
            out.flush();
        }
    }
}
