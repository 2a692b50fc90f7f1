package org.paraml.cli;

import picocli.CommandLine.Command;

/** {@code paraml datasets}: scikit-learn's dataset generators, written as .npy files. */
@Command(name = "datasets",
        mixinStandardHelpOptions = true,
        description = "Generate scikit-learn's synthetic datasets (identical arrays for the same --random-state).",
        subcommands = {MakeClassificationCommand.class, MakeBlobsCommand.class})
final class DatasetsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
