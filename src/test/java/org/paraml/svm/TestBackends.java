package org.paraml.svm;

import java.util.List;
import org.paraml.backend.Backend;
import org.paraml.backend.BackendInfo;
import org.paraml.backend.Backends;

/** The backends available in this test JVM (scalar always; simd when the Vector API module is readable). */
final class TestBackends {
    private TestBackends() {
    }

    static List<String> names() {
        return Backends.describeAll().stream().filter(BackendInfo::available).map(BackendInfo::name).toList();
    }

    static Backend byName(String name) {
        return Backends.byName(name);
    }
}
