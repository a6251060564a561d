package dev.boxoffice.simulator;

import dev.boxoffice.simulator.SimulationResult.Mark;
import dev.boxoffice.simulator.SimulationResult.ReplicaRow;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (inline CSS and SVG; no network, no scripts): one lane per order replica over time,
 * each delivery a mark coloured by its fate, and the per-replica table.
 */
final class HtmlReport {

    private static final int LEFT = 110;
    private static final int WIDTH = 1100;
    private static final int LANE = 46;

    private HtmlReport() {
    }

    static String render(SimulationResult r) {
        List<ReplicaRow> rows = r.replicas();
        double end = Math.max(1, r.timeline().stream().mapToDouble(Mark::atMillis).max().orElse(1));
        int height = 50 + rows.size() * LANE;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"deliveries per replica over time\">%n", LEFT + WIDTH + 20, height));
        double step = tickStep(end);
        for (double t = 0; t <= end; t += step) {
            double x = LEFT + t / end * WIDTH;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"18\" x2=\"%.1f\" y2=\"%d\" class=\"tick\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" class=\"name\" text-anchor=\"middle\">%s ms</text>%n",
                    x, x, height - 16, x, height - 4, step < 1 ? String.format(Locale.ROOT, "%.1f", t)
                            : String.format(Locale.ROOT, "%.0f", t)));
        }

        for (int i = 0; i < rows.size(); i++) {
            String id = rows.get(i).id();
            int y = 30 + i * LANE;
            svg.append(String.format(Locale.ROOT, "<g class=\"lane\" data-replica=\"%s\">%n", Html.escape(id)));
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" class=\"name\">%s</text>%n", y + 5, Html.escape(id)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>%n",
                    LEFT, y, LEFT + WIDTH, y));
            for (Mark m : r.timeline()) {
                if (!m.replicaId().equals(id)) {
                    continue;
                }
                double x = LEFT + m.atMillis() / end * WIDTH;
                String kind = m.fate().equals("applied") && m.redelivered() ? "redelivered" : m.fate();
                double dy = switch (kind) {
                    case "refused" -> -11;
                    case "duplicate" -> 11;
                    default -> 0;
                };
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" class=\"%s\">"
                                + "<title>ticket %d v%d: %s%s at %.1f ms</title></circle>%n", x, y + dy, kind,
                        m.ticket(), m.version(), m.fate(), m.redelivered() ? " (redelivery)" : "", m.atMillis()));
            }
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");

        StringBuilder table = new StringBuilder("<table><tr><th>replica</th><th>delivered</th><th>applied</th>"
                + "<th>duplicates dropped</th><th>out-of-order refused</th><th>redelivered</th></tr>\n");
        for (ReplicaRow row : rows) {
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
                            + "<td>%d</td></tr>%n", Html.escape(row.id()), row.delivered(), row.applied(), row.duplicatesDropped(),
                    row.outOfOrderRefused(), row.redelivered()));
        }
        table.append(String.format(Locale.ROOT, "<tr class=\"total\"><td>total</td><td>%d</td><td>%d</td><td>%d</td>"
                        + "<td>%d</td><td>%d</td></tr></table>%n", r.delivered(), r.applied(), r.duplicatesDropped(),
                r.outOfOrderRefused(), r.redelivered()));

        String outcomes = "";
        if (r.outcomes() != null) {
            StringBuilder t = new StringBuilder("<h2>How each ticket event reached the replica</h2>\n<p>The table above "
                    + "counts deliveries; this one counts events: each of the " + r.outcomes().total().events()
                    + " ticket events ended one way.</p>\n<table><tr><th>replica</th><th>applied in order</th>"
                    + "<th>applied after redelivery</th><th>covered by a snapshot</th><th>duplicate copies dropped</th>"
                    + "<th>snapshots applied</th></tr>\n");
            r.outcomes().perReplica().forEach((id, row) -> t.append(outcomeRow(Html.escape(id), row, "")));
            t.append(outcomeRow("total", r.outcomes().total(), " class=\"total\"")).append("</table>\n");
            outcomes = t.toString();
        }
        String mode = r.mode().name().toLowerCase(Locale.ROOT);
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<title>Boxoffice simulation: " + mode + ", seed " + r.seed() + "</title>\n<style>\n"
                + "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}\n"
                + ".verdict{padding:8px 12px;border-radius:6px;display:inline-block;white-space:pre-wrap}\n"
                + ".ok{background:#e3f5e6}.bad{background:#fde7e7}\n"
                + ".axis{stroke:#bbb}.tick{stroke:#eee}.name{font-size:12px;fill:#444}circle{opacity:.75}\n"
                + "circle.applied{fill:#2e9d4f}circle.redelivered{fill:#2f6fd6}circle.refused{fill:#d93a3a}\n"
                + "circle.duplicate{fill:#999}circle.failed{fill:#a0522d}\n"
                + ".legend span{display:inline-block;margin-right:18px}.dot{display:inline-block;width:10px;"
                + "height:10px;border-radius:5px;margin-right:5px;vertical-align:middle}\n"
                + "table{border-collapse:collapse;margin-top:16px}td,th{border:1px solid #ccc;padding:4px 10px;"
                + "text-align:right}td:first-child,th:first-child{text-align:left}tr.total{font-weight:bold}\n"
                + "</style></head><body>\n"
                + "<h1>Boxoffice simulation — " + mode + " replicas</h1>\n"
                + "<p>" + r.replicaCount() + " order replicas, " + r.tickets() + " tickets, " + r.updates()
                + " updates, seed " + r.seed() + "; " + Html.escape(r.conditions()) + ". Each mark is one delivery of a "
                + "ticket event to a replica; hover for the ticket and version.</p>\n"
                + "<p class=\"verdict " + (r.converged() ? "ok" : "bad") + "\">" + Html.escape(Summary.verdict(r)) + "</p>\n"
                + "<p class=\"legend\"><span><i class=\"dot\" style=\"background:#2e9d4f\"></i>applied</span>"
                + "<span><i class=\"dot\" style=\"background:#2f6fd6\"></i>applied on redelivery</span>"
                + "<span><i class=\"dot\" style=\"background:#d93a3a\"></i>refused, out of order (drawn above)</span>"
                + "<span><i class=\"dot\" style=\"background:#999\"></i>duplicate dropped (drawn below)</span></p>\n"
                + svg + table + outcomes
                + "<p>The seed fixes the edits and the transport's faults; the replicas' threads race as they will, so "
                + "the counts vary from run to run with the same seed. The verdict does not.</p>\n</body></html>\n";
    }

    private static String outcomeRow(String id, EventOutcomes.Row row, String rowClass) {
        return String.format(Locale.ROOT, "<tr%s><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>%n",
                rowClass, id, row.appliedInOrder(), row.appliedAfterRedelivery(), row.coveredBySnapshot(),
                row.duplicateDeliveriesDropped(), row.snapshotsApplied());
    }

    /** A round step (1, 2 or 5 times a power of ten) that puts about ten ticks on the time axis. */
    static double tickStep(double end) {
        double raw = end / 10;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
