package dev.boxoffice.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A randomized simulation, on the embedded engine or against a running server. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs several order replicas against ticket edits on a faulty transport, then compares every "
            + "ticket's replica with the tickets service.",
            "Exit code 0 when the result is what the mode promises (versioned converges); naive mode diverging is "
            + "the expected demo, not an error."},
        footer = {"", "Examples:",
            "  java -jar boxoffice-simulator.jar run",
            "  java -jar boxoffice-simulator.jar run --mode naive --seed 7 --report naive.html",
            "  java -jar boxoffice-simulator.jar run --replicas 8 --updates 2000 --json",
            "  java -jar boxoffice-simulator.jar run --server http://127.0.0.1:8080 --email admin@boxoffice.local "
                + "--password change-me"})
public class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", defaultValue = "versioned", description = "versioned or naive (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--replicas", defaultValue = "4", description = "order-service instances (default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--tickets", defaultValue = "5", description = "tickets (default: ${DEFAULT-VALUE})")
    int tickets;

    @Option(names = "--updates", defaultValue = "200", description = "ticket edits (default: ${DEFAULT-VALUE})")
    int updates;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--duplicate-rate", defaultValue = "0.1",
            description = "chance a delivery is made twice (default: ${DEFAULT-VALUE})")
    double duplicateRate;

    @Option(names = "--delay-rate", defaultValue = "0.3",
            description = "chance a delivery is held back first (default: ${DEFAULT-VALUE})")
    double delayRate;

    @Option(names = "--max-delay-ms", defaultValue = "20",
            description = "longest hold-back in ms (default: ${DEFAULT-VALUE})")
    long maxDelayMs;

    @Option(names = "--reorder", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "shuffle fetched batches (default: ${DEFAULT-VALUE})")
    boolean reorder;

    @Option(names = "--json", description = "print the summary as one JSON object instead of a table")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "write a self-contained HTML report")
    Path report;

    @Option(names = "--server", paramLabel = "URL[,URL...]", split = ",",
            description = "drive a running Boxoffice server instead; several URLs (the nodes of a cluster) spread the "
                    + "edits over them, and the replicas are reported per node")
    List<String> server;

    @Option(names = "--nats", paramLabel = "URL",
            description = "run the engine's events over NATS JetStream at URL (e.g. nats://127.0.0.1:4222) instead of "
                    + "its own log, on a stream of the run's own")
    String nats;

    @Option(names = "--email", description = "with --server: an operator account's email")
    String email;

    @Option(names = "--password", description = "with --server: its password")
    String password;

    @Override
    public Integer call() throws IOException {
        Mode chosen = parseMode();
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulationResult result;
        if (server != null) {
            if (chosen == Mode.NAIVE) {
                throw new ParameterException(spec.commandLine(),
                        "--mode naive needs the embedded engine: a server always checks versions");
            }
            result = new ServerSimulation(server.stream().map(String::strip).toList(), email, password, tickets, updates,
                    seed)
                    .run(line -> progress(err, line));
        } else {
            Faults faults = new Faults(duplicateRate, delayRate, Duration.ofMillis(maxDelayMs), reorder);
            result = new EmbeddedSimulation(chosen, replicas, tickets, updates, seed, faults, EventTransport.of(nats))
                    .run(p -> progress(err, String.format(Locale.ROOT,
                            "edits %d/%d  delivered %d  applied %d  out-of-order refused %d  duplicates %d",
                            p.edits(), p.updates(), p.delivered(), p.applied(), p.refused(), p.duplicates())));
        }
        if (!json) {
            err.println();
        }
        if (json) {
            out.println(Summary.json(result));
            out.flush();
        } else {
            Summary.print(result, out);
        }
        if (report != null) {
            Files.writeString(report, HtmlReport.render(result), StandardCharsets.UTF_8);
            if (!json) {
                out.println("Report written to " + report.toAbsolutePath());
                out.flush();
            }
        }
        return result.asPromised() ? 0 : 1;
    }

    private void progress(PrintWriter err, String line) {
        if (!json) {
            err.print("\r  " + line + "   ");
            err.flush();
        }
    }

    private Mode parseMode() {
        try {
            return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--mode must be versioned or naive, was '" + mode + "'");
        }
    }

    private void validate() {
        require(replicas >= 1 && replicas <= 64, "--replicas must be between 1 and 64");
        require(tickets >= 1 && tickets <= 10_000, "--tickets must be between 1 and 10000");
        require(updates >= 0 && updates <= 1_000_000, "--updates must be between 0 and 1000000");
        require(duplicateRate >= 0 && duplicateRate <= 1, "--duplicate-rate must be between 0 and 1");
        require(delayRate >= 0 && delayRate < 1, "--delay-rate must be at least 0 and below 1");
        require(maxDelayMs >= 0 && maxDelayMs <= 10_000, "--max-delay-ms must be between 0 and 10000");
        require(server == null || (email != null && password != null), "--server needs --email and --password");
        require(server == null || server.stream().noneMatch(String::isBlank), "--server has an empty URL: give URLs "
                + "separated by commas, e.g. http://127.0.0.1:8080,http://127.0.0.1:8081");
        require(server == null || nats == null, "--nats is for the embedded engine: a server takes its broker from "
                + "its own setting, BOXOFFICE_NATS_URL");
        if (report != null) {
            Path folder = report.toAbsolutePath().getParent();
            require(folder != null && Files.isDirectory(folder) && Files.isWritable(folder)
                            && !Files.isDirectory(report) && (!Files.exists(report) || Files.isWritable(report)),
                    "--report " + report + " cannot be written: give a file in a folder that exists and you can write to");
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
