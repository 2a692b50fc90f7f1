package org.paraml.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
record CliRunner(int status, String out, String err) {
    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRunner(status, out.toString(), err.toString());
    }

    /** {@link #run} with {@code locale} as the JVM's default locale meanwhile (restored after). */
    static CliRunner runInLocale(java.util.Locale locale, String... args) {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(locale);
            return run(args);
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    /** The JSON object on the last line of stdout. */
    JsonNode json() throws IOException {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
