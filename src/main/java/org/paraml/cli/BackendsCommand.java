package org.paraml.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.backend.BackendCheck;
import org.paraml.backend.BackendInfo;
import org.paraml.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml backends}: which kernel backends this JVM can use, and optionally how they do. */
@Command(name = "backends",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"List the kernel backends (cuda, simd, scalar): available or not, and why.",
                "With --check, test each available one against the scalar reference and measure its throughput."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml backends", "  paraml backends --check --json"})
final class BackendsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "Self-test each available backend and measure kernel rows/s and k-means rows/s (a few seconds).")
    boolean check;

    @Option(names = "--threads", defaultValue = "1", description = "Thread budget of the check and the measures (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("invalid value for option '--threads': " + threads + " (allowed: >= 1)");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allPassed = true;
        for (BackendInfo info : Backends.describeAll()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", info.name());
            row.put("available", info.available());
            row.put("reason", info.reason());
            if (check && info.available()) {
                BackendCheck.Result r = BackendCheck.run(Backends.byName(info.name()), BackendCheck.Options.standard(threads));
                Map<String, Object> m = r.toMap();
                m.remove("backend");
                row.putAll(m);
                allPassed &= r.passed();
            }
            rows.add(row);
        }
        // an explicit -Dparaml.backend / PARAML_BACKEND that is not available: list anyway, then say so
        String selected;
        String selection;
        String selectionError = null;
        try {
            selected = Backends.select().name();
            selection = Backends.selectionMessage();
        } catch (RuntimeException e) {
            selected = null;
            selection = null;
            selectionError = e.getMessage();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("backends", rows);
            f.put("selected", selected);
            if (selectionError != null) {
                f.put("selection_error", selectionError);
            }
            JsonOutput.print(out, f);
        } else {
            for (Map<String, Object> row : rows) {
                out.printf(Locale.ROOT, "%-7s %-14s %s%n", row.get("name"), (boolean) row.get("available") ? "available" : "not available",
                        row.get("reason"));
                if (row.containsKey("check")) {
                    out.printf(Locale.ROOT, "        check %s (max relative error %.2e); %,.0f kernel rows/s; %,.0f k-means rows/s%n",
                            row.get("check"), (double) row.get("max_rel_error"),
                            (double) row.get("kernel_rows_per_second"), (double) row.get("kmeans_rows_per_second"));
                }
            }
            out.println(selection != null ? "selected: " + selection : "selected: none: " + selectionError);
            out.flush();
        }
        if (selectionError != null) {
            spec.commandLine().getErr().println("paraml: error: " + selectionError);
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }
        return allPassed ? ExitCode.OK : ExitCode.FAILURE;
    }
}
