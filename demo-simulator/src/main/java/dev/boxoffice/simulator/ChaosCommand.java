package dev.boxoffice.simulator;

import dev.boxoffice.simulator.chaos.ChaosReport;
import dev.boxoffice.simulator.chaos.ChaosResult;
import dev.boxoffice.simulator.chaos.ChaosRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Kills parts of a running system under load and checks, from the outside, that nothing acknowledged was lost and
 * no rule was broken. Exit status 0 when every invariant holds, 1 when one does not.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts a server (or, with --cluster, PostgreSQL, a nats-server and several nodes), drives "
            + "buyers, sellers and payments at it over HTTP, and at seeded moments kills a part with SIGKILL and starts "
            + "it again. Then it waits until the system is quiet and checks, through the HTTP and operator APIs, that "
            + "every acknowledged write is there, no ticket is held twice, payments match orders, every replica "
            + "equals its owner, and every restart came back. In a cluster the first kill of the broker also wipes "
            + "its store, and the run republishes from the outboxes."},
        footer = {"", "Examples:",
            "  java -jar boxoffice-simulator.jar chaos",
            "  java -jar boxoffice-simulator.jar chaos --cluster --nodes 2 --seed 7 --report chaos.html",
            "", "Exit status: 0 every invariant holds, 1 one does not (or the run could not start), 2 bad options."})
public class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", description = "a local cluster: PostgreSQL, a nats-server (needs the binary) and "
            + "--nodes nodes; otherwise one node on SQLite and the embedded log")
    boolean cluster;

    @Option(names = "--nodes", defaultValue = "2", description = "nodes of the cluster, 2 to 5 (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--seed", defaultValue = "1", description = "what is killed when, and the load's choices "
            + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rounds", defaultValue = "6", description = "kills, one per round (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--round-seconds", defaultValue = "10", description = "length of a round (default: ${DEFAULT-VALUE})")
    int roundSeconds;

    @Option(names = "--buyers", defaultValue = "12", description = "buyers racing (default: ${DEFAULT-VALUE})")
    int buyers;

    @Option(names = "--sellers", defaultValue = "3", description = "sellers editing (default: ${DEFAULT-VALUE})")
    int sellers;

    @Option(names = "--tickets", defaultValue = "12", description = "the hot set of tickets at the start "
            + "(default: ${DEFAULT-VALUE}); sellers add up to as many again")
    int tickets;

    @Option(names = "--expiry-seconds", defaultValue = "4", description = "how long an unpaid order lives "
            + "(default: ${DEFAULT-VALUE})")
    int expirySeconds;

    @Option(names = "--restart-bound", defaultValue = "60", description = "seconds a restarted part may take to "
            + "serve again (default: ${DEFAULT-VALUE})")
    int restartBound;

    @Option(names = "--amnesia", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "in a cluster, wipe the broker's store at its first kill; --no-amnesia keeps it (default: on)")
    boolean amnesia;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the nodes and PostgreSQL keep their data "
            + "and logs (default: a temporary directory, deleted after a run where every invariant holds)")
    Path dataDir;

    @Option(names = "--report", paramLabel = "FILE", description = "write an HTML report: a timeline with each kill "
            + "marked, throughput and error rate, the invariants")
    Path report;

    @Option(names = "--json", description = "print the result as JSON instead of lines")
    boolean json;

    @Override
    public Integer call() throws Exception {
        check(nodes >= 2 && nodes <= 5, "--nodes must be 2 to 5");
        check(rounds >= 1 && rounds <= 100, "--rounds must be 1 to 100");
        check(roundSeconds >= 2 && roundSeconds <= 600, "--round-seconds must be 2 to 600");
        check(buyers >= 1 && buyers <= 200, "--buyers must be 1 to 200");
        check(sellers >= 1 && sellers <= 50, "--sellers must be 1 to 50");
        check(tickets >= 1 && tickets <= 10_000, "--tickets must be 1 to 10000");
        check(expirySeconds >= 1 && expirySeconds <= 600, "--expiry-seconds must be 1 to 600");
        check(restartBound >= 5 && restartBound <= 3600, "--restart-bound must be 5 to 3600");
        ChaosRun.Settings settings = new ChaosRun.Settings(cluster, cluster ? nodes : 1, seed, rounds,
                Duration.ofSeconds(roundSeconds), buyers, sellers, tickets, Duration.ofSeconds(expirySeconds),
                Duration.ofSeconds(restartBound), amnesia, Duration.ofSeconds(120));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean temporary = dataDir == null;
        if (!temporary && Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                check(entries.findAny().isEmpty(), "--data-dir " + dataDir + " is not empty: give a new or empty "
                        + "directory (a run checks the state it made, from nothing)");
            }
        }
        Path dir = temporary ? TempDirectories.create() : Files.createDirectories(dataDir);
        ChaosResult result = new ChaosRun(settings, line -> {
            (json ? err : out).println(line);
            (json ? err : out).flush();
        }).run(dir);
        if (json) {
            out.println(result.json().toPrettyString());
        } else {
            result.print(out);
        }
        if (report != null) {
            Files.writeString(report, ChaosReport.render(result));
            (json ? err : out).println("Report: " + report.toAbsolutePath());
        }
        if (temporary && result.holds()) {
            TempDirectories.delete(dir);
        } else if (!result.holds()) {
            (json ? err : out).println("Logs and data kept in " + dir);
        }
        out.flush();
        err.flush();
        return result.holds() ? 0 : 1;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
