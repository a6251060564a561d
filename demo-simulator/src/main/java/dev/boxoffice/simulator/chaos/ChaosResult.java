package dev.boxoffice.simulator.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.simulator.chaos.Checker.Verdict;
import dev.boxoffice.simulator.chaos.History.Kill;
import dev.boxoffice.simulator.chaos.History.Op;
import dev.boxoffice.simulator.chaos.History.Outcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a chaos run found: the invariants' verdicts and the run's figures, as lines, JSON or a report. */
public record ChaosResult(ChaosRun.Settings settings, String deployment, History history, List<Verdict> verdicts,
                          long quietMillis, String stillMoving, long republished, int orders, int tickets) {

    /** Requests per second of the run, by outcome. */
    public record Second(int second, int acknowledged, int rejected, int failed, int unknown, int unreachable) {
        int total() {
            return acknowledged + rejected + failed + unknown + unreachable;
        }
    }

    public boolean holds() {
        return verdicts.stream().allMatch(Verdict::holds);
    }

    public int requests() {
        return history.ops().size();
    }

    public long acknowledgedWrites() {
        return history.ops().stream().filter(o -> o.kind().write() && o.acknowledged()).count();
    }

    /** Requests whose connection was refused (a node down): nothing was sent. */
    public long refused() {
        return history.ops().stream().filter(o -> o.outcome() == Outcome.UNREACHABLE).count();
    }

    /** Writes whose outcome the client does not know: no answer, or a 5xx. */
    public long unknownOutcomes() {
        return history.ops().stream().filter(o -> o.kind().write()
                && (o.outcome() == Outcome.UNKNOWN || o.outcome() == Outcome.FAILED)).count();
    }

    public Map<String, Long> killsByKind() {
        return history.kills().stream().collect(Collectors.groupingBy(Kill::kind, TreeMap::new,
                Collectors.counting()));
    }

    /** The recovery times' percentile {@code p} (0 to 100), ms; -1 without kills. */
    public long recoveryPercentile(double p) {
        long[] sorted = history.kills().stream().mapToLong(Kill::recoveryMillis).sorted().toArray();
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public List<Second> timeline() {
        Map<Integer, int[]> buckets = new TreeMap<>();
        for (Op op : history.ops()) {
            int[] b = buckets.computeIfAbsent((int) (op.endMillis() / 1000), s -> new int[5]);
            b[op.outcome().ordinal()]++;
        }
        int last = buckets.isEmpty() ? 0 : ((TreeMap<Integer, int[]>) buckets).lastKey();
        return java.util.stream.IntStream.rangeClosed(0, last).mapToObj(s -> {
            int[] b = buckets.getOrDefault(s, new int[5]);
            return new Second(s, b[0], b[1], b[2], b[3], b[4]);
        }).toList();
    }

    public void print(PrintWriter out) {
        out.println("Invariants:");
        for (Verdict v : verdicts) {
            out.println(v.line());
            for (String problem : v.problems()) {
                out.println("        " + problem);
            }
            if (v.problemCount() > v.problems().size()) {
                out.printf(Locale.ROOT, "        ... and %,d more%n", v.problemCount() - v.problems().size());
            }
        }
        out.printf(Locale.ROOT, "Figures: %,d requests, %,d acknowledged writes, %,d unknown outcomes, %,d refused "
                        + "connections; %d kills (%s); recovery p50 %s, p99 %s; quiet %.1f s after the load stopped%s%n", requests(),
                acknowledgedWrites(), unknownOutcomes(), refused(), history.kills().size(),
                killsByKind().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")),
                seconds(recoveryPercentile(50)), seconds(recoveryPercentile(99)), quietMillis / 1000.0,
                stillMoving == null ? "" : " (still moving: " + stillMoving + ")");
        out.printf(Locale.ROOT, "State: %,d tickets, %,d orders%s%n", tickets, orders,
                republished > 0 ? String.format(Locale.ROOT, "; %,d events republished after the broker lost its "
                        + "store", republished) : "");
        out.println(holds() ? "Every invariant holds." : "INVARIANTS BROKEN: see FAIL above.");
    }

    private static String seconds(long millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public ObjectNode json() {
        ObjectNode root = Load.JSON.createObjectNode();
        root.put("deployment", deployment).put("seed", settings.seed()).put("rounds", settings.rounds())
                .put("roundSeconds", settings.round().toMillis() / 1000.0).put("buyers", settings.buyers())
                .put("sellers", settings.sellers()).put("hotTickets", settings.hotTickets());
        root.put("holds", holds());
        ArrayNode invariants = root.putArray("invariants");
        for (Verdict v : verdicts) {
            ObjectNode i = invariants.addObject().put("invariant", v.invariant()).put("holds", v.holds())
                    .put("detail", v.detail()).put("problems", v.problemCount());
            v.problems().forEach(i.putArray("examples")::add);
        }
        ObjectNode figures = root.putObject("figures");
        figures.put("requests", requests()).put("acknowledgedWrites", acknowledgedWrites())
                .put("unknownOutcomes", unknownOutcomes()).put("refusedConnections", refused())
                .put("recoveryP50Millis", recoveryPercentile(50))
                .put("recoveryP99Millis", recoveryPercentile(99)).put("quietMillis", quietMillis)
                .put("republishedEvents", republished).put("tickets", tickets).put("orders", orders);
        ObjectNode kinds = figures.putObject("kills");
        killsByKind().forEach(kinds::put);
        ArrayNode kills = root.putArray("kills");
        for (Kill k : history.kills()) {
            kills.addObject().put("kind", k.kind()).put("target", k.target()).put("killedMillis", k.killedMillis())
                    .put("restartedMillis", k.restartedMillis()).put("recoveredMillis", k.recoveredMillis())
                    .put("note", k.note());
        }
        ArrayNode seconds = root.putArray("timeline");
        for (Second s : timeline()) {
            seconds.addObject().put("second", s.second()).put("acknowledged", s.acknowledged())
                    .put("rejected", s.rejected()).put("failed", s.failed()).put("unknown", s.unknown())
                    .put("refused", s.unreachable());
        }
        return root;
    }

}
