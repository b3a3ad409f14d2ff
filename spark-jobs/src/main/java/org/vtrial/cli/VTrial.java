package org.vtrial.cli;

import java.io.PrintWriter;

import org.vtrial.engine.io.BadInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vtrial} command line. Exit codes: 0 success, 2 bad usage or bad input, 1 failure.
 * Subcommands are listed here, one line each.
 */
@Command(name = "vtrial", mixinStandardHelpOptions = true, versionProvider = VTrial.Version.class,
        description = "CAR-T virtual trial engine: simulate virtual patients and trials.",
        subcommands = {
            PatientCommand.class,
            RunCommand.class,
            SimulateCommand.class,
            SchemaCommand.class,
            ModelsCommand.class,
            FitGrowthCommand.class,
            ValidateCommand.class,
            AggregateCommand.class,
            GsaCommand.class,
            CompareRunsCommand.class,
            BenchCommand.class,
            ToleranceCommand.class,
            CalibrateCommand.class,
            ValidationCardCommand.class,
            ReportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VTrial implements Runnable {

    /** Exit code for bad usage or bad input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams (tests use this).
     *
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        final CommandLine cmd = new CommandLine(new VTrial());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println("failed: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return EXIT_FAILURE;
        });
        final int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String v = VTrial.class.getPackage().getImplementationVersion();
            return new String[] {"vtrial " + (v == null ? "dev" : v)};
        }
    }
}
