package dev.boxoffice.simulator.chaos;

import dev.boxoffice.simulator.Html;
import dev.boxoffice.simulator.chaos.ChaosResult.Second;
import dev.boxoffice.simulator.chaos.Checker.Verdict;
import dev.boxoffice.simulator.chaos.History.Kill;
import java.util.List;
import java.util.Locale;

/**
 * A chaos run as a self-contained HTML page (inline CSS and SVG; no network, no scripts): the requests per second
 * by outcome with the error rate over them, each kill marked with its outage, then the invariants and the kills.
 */
public final class ChaosReport {

    private static final int LEFT = 60;
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 260;
    private static final int TOP = 30;

    private ChaosReport() {
    }

    public static String render(ChaosResult r) {
        List<Second> seconds = r.timeline();
        int span = Math.max(1, seconds.size());
        int peak = Math.max(1, seconds.stream().mapToInt(Second::total).max().orElse(1));
        double barWidth = (double) WIDTH / span;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"requests per second by outcome, kills marked\">%n",
                LEFT + WIDTH + 110, TOP + HEIGHT + 40));
        for (Kill k : r.history().kills()) {
            double x0 = x(k.killedMillis() / 1000.0, span);
            double x1 = x((k.recoveredMillis() < 0 ? span * 1000L : k.recoveredMillis()) / 1000.0, span);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "class=\"outage\"><title>%s down from %.1f s, back at %s</title></rect>%n", x0, TOP,
                    Math.max(1, x1 - x0), HEIGHT, Html.escape(k.target()), k.killedMillis() / 1000.0,
                    k.recoveredMillis() < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", k.recoveredMillis()
                            / 1000.0)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"kill\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"killname\">kill -9 %s</text>%n", x0, TOP - 4, x0,
                    TOP + HEIGHT, x0 + 3, TOP - 8, Html.escape(k.target())));
        }
        String[] classes = {"acknowledged", "rejected", "failed", "unknown", "refused"};
        StringBuilder errorLine = new StringBuilder();
        for (Second s : seconds) {
            int[] counts = {s.acknowledged(), s.rejected(), s.failed(), s.unknown(), s.unreachable()};
            double y = TOP + HEIGHT;
            for (int i = 0; i < counts.length; i++) {
                double h = (double) counts[i] / peak * HEIGHT;
                if (h > 0) {
                    y -= h;
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            + "class=\"%s\"><title>second %d: %d %s</title></rect>%n", x(s.second(), span), y,
                            Math.max(0.5, barWidth - 1), h, classes[i], s.second(), counts[i], classes[i]));
                }
            }
            double rate = s.total() == 0 ? 0 : (double) (s.failed() + s.unknown() + s.unreachable()) / s.total();
            errorLine.append(String.format(Locale.ROOT, "%s%.1f,%.1f", errorLine.isEmpty() ? "" : " ",
                    x(s.second() + 0.5, span), TOP + HEIGHT - rate * HEIGHT));
        }
        svg.append("<polyline points=\"").append(errorLine).append("\" class=\"errors\"/>\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>%n", LEFT,
                TOP + HEIGHT, LEFT + WIDTH, TOP + HEIGHT));
        int step = Math.max(1, (int) Math.ceil(span / 20.0));
        for (int s = 0; s <= span; s += step) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">"
                    + "%d s</text>%n", x(s, span), TOP + HEIGHT + 16, s));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%d/s</text>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">0</text>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick errtext\">100 %% errors</text>%n", LEFT - 6, TOP + 10, peak,
                LEFT - 6, TOP + HEIGHT, LEFT + WIDTH + 4, TOP + 10));
        svg.append("</svg>\n");

        StringBuilder invariants = new StringBuilder("<table><tr><th></th><th>invariant</th><th>checked</th>"
                + "<th>problems</th></tr>\n");
        for (Verdict v : r.verdicts()) {
            invariants.append(String.format(Locale.ROOT, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    + "</tr>%n", v.holds() ? "ok" : "bad", v.holds() ? "PASS" : "FAIL", Html.escape(v.invariant()),
                    Html.escape(v.detail()), v.problems().isEmpty() ? "" : Html.escape(String.join("; ", v.problems()))
                            + (v.problemCount() > v.problems().size() ? " (" + v.problemCount() + " in all)" : "")));
        }
        invariants.append("</table>\n");
        StringBuilder kills = new StringBuilder("<table><tr><th>killed</th><th>at</th><th>restarted</th>"
                + "<th>recovered after restart</th><th>note</th></tr>\n");
        for (Kill k : r.history().kills()) {
            kills.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.1f s</td><td>%.1f s</td><td>%s</td>"
                    + "<td>%s</td></tr>%n", Html.escape(k.target()), k.killedMillis() / 1000.0, k.restartedMillis() / 1000.0,
                    k.recoveryMillis() < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", k.recoveryMillis()
                            / 1000.0), Html.escape(k.note())));
        }
        kills.append("</table>\n");
        ChaosRun.Settings s = r.settings();
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<title>Boxoffice chaos run: seed " + s.seed() + "</title>\n<style>\n"
                + "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}\n"
                + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:left}\ntr.ok td:first-child{background:#e3f5e6}tr.bad td:first-child{background:#fde7e7}\n"
                + ".verdict{padding:8px 12px;border-radius:6px;display:inline-block}.pass{background:#e3f5e6}"
                + ".fail{background:#fde7e7}\n"
                + "rect.acknowledged{fill:#4caf50}rect.rejected{fill:#b0bec5}rect.failed{fill:#e53935}"
                + "rect.unknown{fill:#fb8c00}rect.refused{fill:#ffd180}rect.outage{fill:#e53935;opacity:.10}\n"
                + "line.kill{stroke:#c62828;stroke-width:1.5}line.axis{stroke:#555}.killname{font-size:11px;"
                + "fill:#c62828}\n.tick{font-size:11px;fill:#555}.errtext{fill:#6a1b9a}polyline.errors{fill:none;"
                + "stroke:#6a1b9a;stroke-width:1.5}\n.legend span{display:inline-block;width:12px;height:12px;"
                + "margin:0 4px 0 14px;vertical-align:-1px}\n</style></head><body>\n"
                + "<h1>Boxoffice chaos run: " + Html.escape(r.deployment()) + ", seed " + s.seed() + "</h1>\n"
                + "<p>" + s.rounds() + " rounds of " + s.round().toSeconds() + " s; " + s.buyers() + " buyers racing "
                + "for " + s.hotTickets() + " tickets, " + s.sellers() + " sellers editing; orders expire after "
                + s.expiryWindow().toMillis() / 1000.0 + " s. Replay: <code>chaos" + (s.cluster() ? " --cluster --nodes "
                + s.nodes() : "") + " --seed " + s.seed() + " --rounds " + s.rounds() + " --round-seconds "
                + s.round().toSeconds() + "</code></p>\n"
                + "<p class=\"verdict " + (r.holds() ? "pass\">Every invariant holds." : "fail\">Invariants broken.")
                + "</p>\n<h2>Requests per second, by outcome; kills and their outages</h2>\n<p class=\"legend\">"
                + "<span style=\"background:#4caf50\"></span>acknowledged<span style=\"background:#b0bec5\"></span>"
                + "rejected (4xx)<span style=\"background:#e53935\"></span>failed (5xx)<span style=\"background:#fb8c00"
                + "\"></span>no answer<span style=\"background:#ffd180\"></span>connection refused"
                + "<span style=\"background:#6a1b9a;height:2px\"></span>error rate</p>\n" + svg
                + "<h2>Invariants</h2>\n" + invariants
                + String.format(Locale.ROOT, "<h2>Figures</h2>\n<p>%,d requests, %,d acknowledged writes, %,d "
                        + "unknown outcomes, %,d refused connections; recovery after a restart p50 %.1f s, p99 %.1f s; "
                        + "quiet %.1f s after the "
                        + "load stopped; %,d tickets and %,d orders at the end%s.</p>\n", r.requests(),
                        r.acknowledgedWrites(), r.unknownOutcomes(), r.refused(), r.recoveryPercentile(50) / 1000.0,
                        r.recoveryPercentile(99) / 1000.0, r.quietMillis() / 1000.0, r.tickets(), r.orders(),
                        r.republished() > 0 ? String.format(Locale.ROOT, "; %,d events republished from the "
                                + "outboxes after the broker lost its store", r.republished()) : "")
                + "<h2>Kills</h2>\n" + kills + "</body></html>\n";
    }

    private static double x(double second, int span) {
        return LEFT + second / span * WIDTH;
    }
}
