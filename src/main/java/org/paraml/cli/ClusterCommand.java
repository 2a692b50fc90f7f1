package org.paraml.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code paraml cluster}: a Spark standalone cluster on this machine, from ParaML's own jars. */
@Command(name = "cluster",
        mixinStandardHelpOptions = true,
        description = {"Start or stop a Spark standalone cluster on this machine.",
                "A master and workers, each a JVM started from ParaML's jars, for 'paraml search --master'. "
                        + "It binds to 127.0.0.1 unless told otherwise."},
        subcommands = {ClusterStartCommand.class, ClusterStopCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml cluster start --workers 2 --authenticate",
                "  paraml search --x X.npy --y y.npy --estimator svc --grid C=1,10 \\",
                "      --master spark://127.0.0.1:7077 --secret-file ~/.paraml/cluster/secret",
                "  paraml cluster stop"})
final class ClusterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
