package org.vtrial.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command line ({@link VTrial#execute}) as the tests see it: exit code,
 * standard output and standard error.
 *
 * @param code exit code
 * @param out  what the command printed to standard output
 * @param err  what it printed to standard error
 */
record CliRun(int code, String out, String err) {

    /** Runs {@code vtrial ARGS...} and captures both streams. */
    static CliRun of(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = VTrial.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
