package org.paraml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code paraml} command. Only this package prints; the library reports through
 * {@link System.Logger} and callbacks.
 *
 * <p>Conventions shared by every subcommand: options are scikit-learn's parameter names with dashes
 * ({@code --n-samples}, {@code --random-state}, {@code --C}); {@code --json} prints exactly one JSON
 * object as the last line of stdout; errors go to stderr with an exit status from {@link ExitCode}.
 */
@Command(name = "paraml",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Parallel and distributed machine learning for the JVM: scikit-learn's estimators, answers and "
                + "names, on SIMD and GPU kernels, on all cores or a Spark cluster.", ""},
        subcommands = {TutorialCommand.class, DatasetsCommand.class, SvcCommand.class, KMeansCommand.class, SearchCommand.class, ClusterCommand.class,
                BackendsCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit status:%n",
        footer = {"  0  success",
                "  1  failure while running (I/O error, failed fit, internal error)",
                "  2  invalid command line: unknown option, missing or invalid value",
                "  3  an input file is missing, unreadable, corrupt or of the wrong shape or type",
                "",
                "Run 'paraml COMMAND --help' for a command's options and examples."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // `paraml` alone: show what there is to run.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with paraml's error handling, printing to the given writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    /** Runs {@code args} and returns the exit status (tests call this; {@link #main} exits with it). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The {@code paraml} command's entry point: configures logging, runs {@code args} and exits the JVM with the exit
     * status ({@link ExitCode}; running out of memory prints one line and is a failure).
     */
    public static void main(String[] args) {
        configureLogging();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status;
        try {
            status = run(out, err, args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; an Error would end in a stack trace
            err.println("paraml: error: out of memory (the Java heap holds at most "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): ask for less data, or give the JVM more, "
                    + "e.g. PARAML_JAVA_OPTS=-Xmx16g");
            err.flush();
            status = ExitCode.FAILURE;
        }
        System.exit(status);
    }

    /**
     * One line per log record on stderr, e.g. "INFO: backend simd (...)"; Spark's and Hadoop's log4j
     * loggers at WARN ({@code org/paraml/cli/log4j2-cli.properties}) unless the user configured log4j.
     */
    static void configureLogging() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        if (System.getProperty("log4j2.configurationFile") == null && System.getenv("LOG4J_CONFIGURATION_FILE") == null) {
            System.setProperty("log4j2.configurationFile", "org/paraml/cli/log4j2-cli.properties");
        }
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("paraml: error: " + e.getMessage());
        err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for the allowed options and values.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int status;
        String message;
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException nsf) {
            status = ExitCode.BAD_INPUT;
            message = "no such file: " + nsf.getFile();
        } else if (cause instanceof BadInputFileException || cause instanceof IOException) {
            status = cause instanceof BadInputFileException ? ExitCode.BAD_INPUT : ExitCode.FAILURE;
            message = cause.getMessage();
        } else if (cause instanceof IllegalArgumentException) {
            status = ExitCode.USAGE;
            message = cause.getMessage();
        } else {
            status = ExitCode.FAILURE;
            message = cause.toString();
        }
        err.println("paraml: error: " + message);
        if (status == ExitCode.FAILURE && !(cause instanceof IOException)) {
            cause.printStackTrace(err);
        }
        err.flush();
        return status;
    }
}
