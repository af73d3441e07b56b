package io.nflab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the nflab command line in-process and captures what it prints and its exit code. */
public record CliRunner(int exitCode, String out, String err) {

    public static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NflabCommand.newCommandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRunner(code, out.toString(), err.toString());
    }
}
