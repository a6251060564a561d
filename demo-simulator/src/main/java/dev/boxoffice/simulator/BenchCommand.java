package dev.boxoffice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.simulator.bench.Benchmarks;
import dev.boxoffice.simulator.bench.Figure;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures the engine against baselines taken in the same run and prints figure, engine, baseline, ratio. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures how close the engine gets to what SQLite itself can do: each figure against a "
            + "baseline measured in the same run, on a temporary data directory with the same pragmas. Engine "
            + "figures are medians of repeated runs (the spread is shown). Targets are goals, not gates."},
        footer = {"", "Examples:", "  java -jar boxoffice-simulator.jar bench --quick",
            "  java -jar boxoffice-simulator.jar bench --json"})
public class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "one short run per figure (under a minute)")
    boolean quick;

    @Option(names = "--json", description = "print the figures as one JSON object")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "FIGURE",
            description = "measure only these figures (comma-separated): ${COMPLETION-CANDIDATES}",
            completionCandidates = FigureNames.class)
    List<String> only;

    @Option(names = "--runs", paramLabel = "N", description = "measured runs per figure, whose median it shows "
            + "(default: 3; with --quick 1); more runs, medians that move less between reruns")
    Integer runs;

    @Option(names = "--postgres", paramLabel = "URL",
            description = "measure reserve-pg and cluster-order on this PostgreSQL (a JDBC URL with credentials, e.g. "
                    + "jdbc:postgresql://localhost:5432/bench?user=me&password=secret) instead of one it starts; "
                    + "it creates and drops a database per run")
    String postgres;

    @Option(names = "--soak-events", paramLabel = "N", description = "events through the engine for the soak "
            + "figure (default: 1000000; with --quick 20000)")
    Integer soakEvents;

    /** The figure names, for --only's help and checking. */
    static final class FigureNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Benchmarks.NAMES.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs != null && (runs < 1 || runs > 99)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be 1 to 99, was "
                    + runs);
        }
        int repeats = runs != null ? runs : quick ? 1 : 3;
        Benchmarks benchmarks = quick
                ? new Benchmarks(Duration.ofSeconds(2), 1_000, 1_000, repeats, line -> progress(err, line))
                : new Benchmarks(Duration.ofSeconds(5), 20_000, 6_000, repeats, line -> progress(err, line));
        if (postgres != null && !postgres.startsWith("jdbc:postgresql://")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--postgres must be a PostgreSQL "
                    + "JDBC URL such as jdbc:postgresql://localhost:5432/bench?user=me&password=secret, was '"
                    + postgres + "'");
        }
        benchmarks.onPostgres(postgres);
        if (soakEvents != null && (soakEvents < 1_000 || soakEvents > 100_000_000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--soak-events must be 1000 to "
                    + "100000000, was " + soakEvents);
        }
        benchmarks.soak(soakEvents != null ? soakEvents : quick ? 20_000 : 1_000_000,
                quick ? Duration.ofSeconds(1) : Duration.ofSeconds(10));
        benchmarks.largeRows(quick ? 20_000 : 1_000_000).warmUp(quick ? 1 : 40,
                Duration.ofSeconds(quick ? 10 : 120));
        if (only != null) {
            try {
                Benchmarks.checkNames(only);
            } catch (IllegalArgumentException unknown) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), unknown.getMessage()
                        + " (--only)");
            }
        }
        List<Figure> figures = only == null ? benchmarks.all() : benchmarks.only(only);
        if (!json) {
            err.print("\r" + " ".repeat(60) + "\r");
            err.flush();
            print(figures, out);
        } else {
            out.println(json(figures));
        }
        out.flush();
        return 0;
    }

    private void progress(PrintWriter err, String line) {
        if (!json) {
            err.print("\r  " + line + "          ");
            err.flush();
        }
    }

    static void print(List<Figure> figures, PrintWriter out) {
        out.printf("%n%-18s %14s %14s %-11s %7s  %-9s %s%n", "figure", "engine", "baseline", "unit", "ratio",
                "target", "met");
        for (Figure f : figures) {
            if (f.engineRuns().length == 0) {
                out.printf("%-18s %s%n", f.name(), f.target());
                continue;
            }
            out.printf("%-18s %14s %14s %-11s %7s  %-9s %s   (engine runs %s)%n", f.name(), fmt(f.engine()),
                    fmt(f.baseline()), f.unit(), Double.isNaN(f.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f",
                            f.ratio()), f.target(), !f.hasTarget() ? "—" : f.met() ? "yes" : "no", f.spread());
        }
        out.println();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String json(List<Figure> figures) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("benchmarks");
        for (Figure f : figures) {
            ObjectNode row = list.addObject();
            row.put("name", f.name());
            if (Double.isNaN(f.engine())) {
                row.putNull("engine"); // not measured here: the target says why
            } else {
                row.put("engine", f.engine());
            }
            if (Double.isNaN(f.baseline())) {
                row.putNull("baseline");
                row.putNull("ratio");
            } else {
                row.put("baseline", f.baseline());
                row.put("ratio", f.ratio());
            }
            row.put("unit", f.unit());
            row.put("target", f.target());
            if (f.hasTarget()) {
                row.put("met", f.met());
            } else {
                row.putNull("met"); // a comparison to show, no target: the target text says what it compares
            }
            ArrayNode runs = row.putArray("engineRuns");
            for (double r : f.engineRuns()) {
                runs.add(r);
            }
        }
        return root.toString();
    }
}
