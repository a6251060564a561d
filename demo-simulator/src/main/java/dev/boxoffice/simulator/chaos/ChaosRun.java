package dev.boxoffice.simulator.chaos;

import dev.boxoffice.simulator.Pacing;
import dev.boxoffice.simulator.chaos.Checker.Verdict;
import dev.boxoffice.simulator.chaos.Load.User;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One chaos run: starts the deployment, drives the load, kills a part at a seeded moment of each round (and starts it
 * again after a seeded outage), then stops the load, waits until the system is quiet and checks the invariants.
 */
public final class ChaosRun {

    /**
     * What to run.
     *
     * @param cluster       a local cluster (PostgreSQL, nats-server, {@code nodes} nodes) instead of one node
     * @param amnesia       in a cluster, the first kill of the broker also wipes its store
     * @param restartBound  how long a part may take to come back after its restart
     */
    public record Settings(boolean cluster, int nodes, long seed, int rounds, Duration round, int buyers, int sellers,
                           int hotTickets, Duration expiryWindow, Duration restartBound, boolean amnesia,
                           Duration quietBound) {
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public ChaosRun(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public ChaosResult run(Path dir) throws InterruptedException {
        progress.accept(String.format(java.util.Locale.ROOT, "chaos: %s, seed %d, %d rounds of %d s; starting in %s",
                Deployment.describe(settings.cluster(), settings.nodes()), settings.seed(), settings.rounds(),
                settings.round().toSeconds(), dir));
        try (Deployment deployment = settings.cluster()
                ? Deployment.cluster(dir, settings.nodes(), settings.expiryWindow())
                : Deployment.single(dir, settings.expiryWindow())) {
            return run(deployment);
        }
    }

    private ChaosResult run(Deployment deployment) throws InterruptedException {
        Random random = new Random(settings.seed());
        History history = new History();
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        List<String> urls = deployment.nodes().stream().map(Deployment.Node::url).toList();
        Load load = new Load(urls, history, start, settings.hotTickets());
        User operator = signIn(load, urls.get(0), deployment);
        Observer observer = new Observer(load, urls.get(0), operator);

        List<User> sellers = new ArrayList<>();
        for (int i = 0; i < settings.sellers(); i++) {
            sellers.add(load.signUp("seller-" + i + "-" + settings.seed() + "@chaos.test"));
        }
        List<List<String>> owned = new ArrayList<>();
        for (int i = 0; i < settings.sellers(); i++) {
            owned.add(new java.util.concurrent.CopyOnWriteArrayList<>());
        }
        for (int i = 0; i < settings.hotTickets(); i++) {
            String id = load.createTicket(sellers.get(i % sellers.size()), urls.get(i % urls.size()), random);
            if (id != null) {
                owned.get(i % sellers.size()).add(id);
            }
        }
        User prober = load.signUp("prober-" + settings.seed() + "@chaos.test");
        for (int i = 0; i < settings.sellers(); i++) {
            load.startSeller(sellers.get(i), owned.get(i), new Random(random.nextLong()));
        }
        for (int i = 0; i < settings.buyers(); i++) {
            load.startBuyer(load.signUp("buyer-" + i + "-" + settings.seed() + "@chaos.test"),
                    new Random(random.nextLong()));
        }
        progress.accept(settings.buyers() + " buyers racing for " + settings.hotTickets() + " tickets, "
                + settings.sellers() + " sellers editing");

        List<Deployment.Part> schedule = schedule(deployment, random);
        long republished = 0;
        boolean wiped = false;
        for (int r = 0; r < settings.rounds(); r++) {
            long roundStart = System.nanoTime();
            long roundNanos = settings.round().toNanos();
            Pacing.waitUntil(roundStart + (long) (roundNanos * (0.2 + 0.4 * random.nextDouble())));
            Deployment.Part part = schedule.get(r);
            boolean wipe = settings.amnesia() && !wiped && part == deployment.broker();
            long killed = System.nanoTime();
            part.kill();
            progress.accept(String.format(java.util.Locale.ROOT, "round %d: kill -9 %s at %.1f s", r + 1, part.name(),
                    (killed - start) / 1e9));
            Pacing.waitUntil(killed + Duration.ofMillis(500 + random.nextInt(1_500)).toNanos());
            if (wipe) {
                deployment.broker().wipeStoreOnRestart();
                wiped = true;
            }
            long restarted = System.nanoTime();
            long recovered = -1;
            String note = "";
            try {
                part.restart();
                recovered = awaitRecovered(deployment, load, prober, random, restarted);
                if (wipe) {
                    republished = observer.post("/api/admin/outboxes/republish", Load.JSON.createObjectNode()
                            .put("since", startedAt.minusSeconds(60).toString()), 202).path("events").asLong();
                    note = "its store wiped before the restart; " + republished
                            + " events republished from the outboxes";
                }
            } catch (RuntimeException e) {
                note = "did not come back: " + e.getMessage();
            }
            History.Kill kill = new History.Kill(part.kind(), part.name(), (killed - start) / 1_000_000,
                    (restarted - start) / 1_000_000, recovered < 0 ? -1 : (recovered - start) / 1_000_000, note);
            history.record(kill);
            progress.accept(String.format(java.util.Locale.ROOT, "round %d: %s restarted after %.1f s down, "
                            + "%s%s", r + 1, part.name(), (restarted - killed) / 1e9,
                    recovered < 0 ? "never recovered" : String.format(java.util.Locale.ROOT,
                            "recovered %.1f s later", kill.recoveryMillis() / 1000.0),
                    note.isEmpty() ? "" : "; " + note));
            if (recovered < 0) {
                break;
            }
            Pacing.waitUntil(roundStart + roundNanos);
        }
        load.stop();
        long loadEnd = System.nanoTime();
        progress.accept("load stopped; waiting until the system is quiet");

        Checker checker = new Checker(settings.restartBound());
        long quietDeadline = System.nanoTime() + settings.quietBound().toNanos();
        String moving = observer.stillMoving();
        while (moving != null && System.nanoTime() < quietDeadline) {
            LockSupport.parkNanos(200_000_000L);
            moving = observer.stillMoving();
        }
        Snapshot state = observer.snapshot();
        List<Verdict> verdicts = checker.check(history, state);
        while (verdicts.stream().anyMatch(v -> !v.holds()) && System.nanoTime() < quietDeadline) {
            LockSupport.parkNanos(500_000_000L);
            state = observer.snapshot();
            verdicts = checker.check(history, state);
        }
        long quietMillis = (System.nanoTime() - loadEnd) / 1_000_000;
        return new ChaosResult(settings, deployment.describe(), history, verdicts, quietMillis, moving, republished,
                state.orders().size(), state.tickets().size());
    }

    /**
     * The part to kill in each round: on one node, the node; in a cluster each kind at least once (in a seeded
     * order) when there are three rounds or more, then any part, the node among all nodes.
     */
    private List<Deployment.Part> schedule(Deployment deployment, Random random) {
        List<Deployment.Part> parts = deployment.parts();
        List<Deployment.Part> nodes = parts.stream().filter(p -> p.kind().equals("node")).toList();
        List<Deployment.Part> schedule = new ArrayList<>();
        if (deployment.clustered()) {
            List<Deployment.Part> kinds = new ArrayList<>(parts.stream().filter(p -> !p.kind().equals("node"))
                    .toList());
            kinds.add(nodes.get(random.nextInt(nodes.size())));
            Collections.shuffle(kinds, random);
            schedule.addAll(kinds);
        }
        while (schedule.size() < settings.rounds()) {
            schedule.add(deployment.clustered() && random.nextInt(2) == 0
                    ? parts.get(nodes.size() + random.nextInt(parts.size() - nodes.size()))
                    : nodes.get(random.nextInt(nodes.size())));
        }
        return schedule;
    }

    /**
     * Waits until every node answers {@code /health} and a ticket can be put on sale through each node: when
     * that happened (nanoTime), or -1 after the restart bound.
     */
    private long awaitRecovered(Deployment deployment, Load load, User prober, Random random, long restarted) {
        long deadline = restarted + settings.restartBound().toNanos();
        for (Deployment.Node node : deployment.nodes()) {
            while (!node.healthy() || load.createTicket(prober, node.url(), random) == null) {
                if (System.nanoTime() > deadline) {
                    return -1;
                }
                LockSupport.parkNanos(100_000_000L);
            }
        }
        return System.nanoTime();
    }

    private static User signIn(Load load, String node, Deployment deployment) {
        Load.Answer a = load.send("POST", node, "/api/users/signin", null, null, Load.JSON.createObjectNode()
                .put("email", Deployment.OPERATOR_EMAIL).put("password", deployment.operatorPassword));
        if (a.status() != 200) {
            throw new IllegalStateException("The operator could not sign in: " + a.status() + " " + a.body());
        }
        return new User(a.body().path("id").asText(), a.body().path("token").asText());
    }
}
