package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backends;

class BackendsCommandTest {
    @Test
    void listsEveryBackendWithAReasonWhenUnavailable() throws Exception {
        CliRunner r = CliRunner.run("backends", "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        JsonNode backends = r.json().get("backends");
        assertEquals(3, backends.size());
        for (JsonNode b : backends) {
            assertTrue(b.has("name") && b.has("available") && b.has("reason"), b.toString());
            assertFalse(b.has("check"), "no check without --check");
        }
        JsonNode cuda = backends.get(0);
        org.paraml.backend.BackendInfo probe = org.paraml.backend.cuda.CudaBackend.probe();
        assertEquals("cuda", cuda.get("name").asText());
        assertEquals(probe.available(), cuda.get("available").asBoolean());
        assertEquals(probe.reason(), cuda.get("reason").asText(), "the probe's reason, e.g. why there is no GPU");
        JsonNode simd = backends.get(1);
        assertEquals("simd", simd.get("name").asText());
        assertEquals(Backends.vectorModulePresent(), simd.get("available").asBoolean());
        if (!Backends.vectorModulePresent()) {
            assertTrue(simd.get("reason").asText().contains("--add-modules jdk.incubator.vector"), simd.toString());
        }
    }

    @Test
    void checkTestsAndMeasuresEachAvailableBackend() throws Exception {
        CliRunner r = CliRunner.run("backends", "--check", "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        for (JsonNode b : r.json().get("backends")) {
            if (b.get("available").asBoolean()) {
                assertEquals("pass", b.get("check").asText(), b.toString());
                assertTrue(b.get("max_rel_error").asDouble() < 1e-6, b.toString());
                assertTrue(b.get("kernel_rows_per_second").asDouble() > 0, b.toString());
                assertTrue(b.get("kmeans_rows_per_second").asDouble() > 0, b.toString());
            } else {
                assertFalse(b.has("check"), b.toString());
            }
        }
    }

    /** The text output's numbers are written the same way whatever the JVM's default locale (as every other command's). */
    @Test
    void checkTextIsTheSameInEveryLocale() {
        CliRunner r = CliRunner.runInLocale(java.util.Locale.GERMANY, "backends", "--check");
        assertEquals(ExitCode.OK, r.status(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "check pass \\(max relative error \\d\\.\\d\\de[-+]\\d+\\); [\\d,]+ kernel rows/s; [\\d,]+ k-means rows/s")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
    }
}
