package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class archive's training commands stay valid command lines as the CLI changes: a renamed option would
 * otherwise only show as a warning of {@code bin/paraml} and slower starts.
 */
class ClassArchiveTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyTrainingCommandSucceeds() {
        List<String[]> commands = ClassArchiveTraining.commands(dir.resolve("x.npy").toString(),
                dir.resolve("y.npy").toString());
        assertTrue(commands.stream().anyMatch(c -> c[0].equals("kmeans")));
        assertTrue(commands.stream().anyMatch(c -> c[0].equals("search")));
        for (String[] command : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.run(new PrintWriter(out), new PrintWriter(err), command);
            assertEquals(0, status, String.join(" ", command) + ": " + err);
            assertTrue(out.toString().strip().endsWith("}"), "no JSON line from " + command[0] + ": " + out);
        }
    }
}
