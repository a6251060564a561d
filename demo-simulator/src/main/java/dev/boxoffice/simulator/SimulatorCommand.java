package dev.boxoffice.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: its subcommands tell the story and run simulations. */
@Command(name = "boxoffice-simulator", mixinStandardHelpOptions = true, version = "boxoffice-simulator 0.1",
        description = "Shows why Boxoffice's order replicas check versions: several replicas handle ticket events at "
            + "once, so events arrive out of order; versioned replicas refuse them and converge, naive ones go wrong.",
        subcommands = {StoryCommand.class, RunCommand.class, BenchCommand.class, RepublishCommand.class,
            PostgresCommand.class, ChaosCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
            "  java -jar boxoffice-simulator.jar story",
            "  java -jar boxoffice-simulator.jar run --mode versioned --report run.html",
            "  java -jar boxoffice-simulator.jar run --mode naive --seed 7"})
public class SimulatorCommand {

    /**
     * The command line with its error handling: a failure (a server that cannot be reached, refused credentials)
     * is one line on standard error and exit code 1, never a stack trace; a bad option is one line naming it, with
     * where to find the usage, and exit code 2.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("Error: " + e.getMessage() + " (usage: " + command.getCommandSpec().qualifiedName()
                    + " --help)");
            command.getErr().flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            commandLine.getErr().flush();
            return 1;
        });
        return cli;
    }
}
