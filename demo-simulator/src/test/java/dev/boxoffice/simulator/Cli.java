package dev.boxoffice.simulator;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One simulator command line, run in-process as {@code main} runs it: its exit code and what it printed. */
record Cli(int exit, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SimulatorCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
