package org.paraml.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ParaML as a dependency of another Maven project ({@code examples/consumer}): the example that
 * README.md quotes compiles and runs against the installed library, without Spark on its class path.
 */
class ConsumerProjectTest {
    private static final Path CONSUMER = Path.of("examples", "consumer");
    private static final Path EXAMPLE = CONSUMER.resolve("src/main/java/example/Example.java");

    @TempDir
    Path tmp;

    @Test
    void readmeQuotesTheExampleVerbatim() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String example = Files.readString(EXAMPLE);
        assertTrue(readme.contains("```java\n" + example + "```\n"), "README.md must quote " + EXAMPLE + " as it is");
        assertTrue(readme.contains("<artifactId>paraml</artifactId>"), "README.md gives the Maven coordinates");
    }

    /**
     * Runs {@code examples/consumer/run.sh} offline with the classes this build compiled, jarred: runs once
     * (e2e); skipped where Maven lacks, offline, a plugin or library that it needs.
     */
    @Test
    @Tag("e2e")
    void exampleBuildsAndRunsAgainstTheInstalledLibrary() throws Exception {
        Path jar = tmp.resolve("paraml.jar");
        ToolProvider jarTool = ToolProvider.findFirst("jar").orElseThrow();
        StringWriter jarErr = new StringWriter();
        assertEquals(0, jarTool.run(new PrintWriter(jarErr), new PrintWriter(jarErr), "--create", "--file",
                jar.toString(), "-C", Path.of("target", "classes").toString(), "."), jarErr.toString());

        Path log = tmp.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", CONSUMER.resolve("run.sh").toString(), "--jar",
                jar.toString(), "-o")).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(finished, "run.sh did not finish in 10 minutes:\n" + out);
        if (p.exitValue() != 0 && out.contains("offline mode")) {
            abort("Maven cannot run offline here (something it needs was never downloaded):\n" + out);
        }
        assertEquals(0, p.exitValue(), out);

        String classpath = out.substring(out.indexOf("== the consumer's class path"), out.indexOf("== java "));
        assertTrue(classpath.contains("org/paraml/paraml/0.1.0-SNAPSHOT/paraml-0.1.0-SNAPSHOT.jar"), classpath);
        assertTrue(classpath.contains("jfreechart-"), classpath);
        assertFalse(classpath.contains("org/apache/spark/") || classpath.contains("/spark-"), classpath);

        String withFlag = out.substring(out.indexOf("== java --add-modules"), out.indexOf("== java example.Example"));
        String without = out.substring(out.indexOf("== java example.Example"), out.indexOf("== done"));
        for (String run : List.of(withFlag, without)) {
            assertTrue(run.contains("SVC: n_support_ = ["), out);
            assertTrue(run.contains("GridSearchCV: best_params_ = {C="), out);
            assertTrue(run.contains("KMeans: inertia_ = "), out);
        }
        assertTrue(withFlag.contains("paraml backend: simd") || withFlag.contains("paraml backend: cuda"), withFlag);
        assertTrue(without.contains("paraml backend: scalar") || without.contains("paraml backend: cuda"), without);
        assertTrue(without.contains("--add-modules jdk.incubator.vector"), "the log line names the flag:\n" + without);
    }
}
