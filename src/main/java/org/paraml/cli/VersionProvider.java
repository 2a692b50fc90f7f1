package org.paraml.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (the Maven project version), and the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"paraml " + (v == null ? "(development build)" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
