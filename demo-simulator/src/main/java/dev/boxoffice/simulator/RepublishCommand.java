package dev.boxoffice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Asks a running server to publish again, from its services' outboxes, what a broker lost: every kept event since
 * a time or from a log position. Prints the outboxes (what each service keeps), then what was asked.
 */
@Command(name = "republish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes again, from a running server's outboxes, every event kept since a time or from a "
            + "log position: after the broker lost events (a nats-server before 2.10 acknowledges before it writes to "
            + "disk, or its store was wiped). Consumers drop what they already have, so asking for more is safe.",
            "Without --since or --from-position it only shows the outboxes."},
        footer = {"", "Examples:",
            "  java -jar boxoffice-simulator.jar republish --server http://localhost:8080 --since 30m",
            "  java -jar boxoffice-simulator.jar republish --server http://localhost:8080 --since 2026-12-02T01:00:00Z",
            "  java -jar boxoffice-simulator.jar republish --server http://localhost:8080 --from-position 1"})
public class RepublishCommand implements Callable<Integer> {

    private static final Pattern AGO = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the server, e.g. http://localhost:8080")
    String server;

    @Option(names = "--email", defaultValue = "admin@boxoffice.local",
            description = "an operator account's email (default: ${DEFAULT-VALUE})")
    String email;

    @Option(names = "--password", defaultValue = "${env:BOXOFFICE_ADMIN_PASSWORD}",
            description = "its password (default: $BOXOFFICE_ADMIN_PASSWORD)")
    String password;

    @ArgGroup(exclusive = true)
    From from;

    static final class From {
        @Option(names = "--since", paramLabel = "TIME",
                description = "a UTC time (2026-12-02T01:00:00Z) or how long ago (30m, 2h, 7d)")
        String since;

        @Option(names = "--from-position", paramLabel = "N", description = "a log position, 1 or more")
        Long position;
    }

    @Override
    public Integer call() {
        if (password == null || password.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--password is required (or set BOXOFFICE_ADMIN_PASSWORD)");
        }
        ObjectNode request = request(Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        OperatorClient client = OperatorClient.signIn(server, email, password);
        printOutboxes(client.send("GET", "/api/admin/outboxes", null, 200), out);
        if (request != null) {
            JsonNode taken = client.send("POST", "/api/admin/outboxes/republish", request, 202);
            out.printf(Locale.ROOT, "%nRepublishing %d events %s; the relays send them now, and consumers drop "
                    + "what they already have.%n", taken.path("events").asLong(), taken.has("fromPosition")
                    && !taken.path("fromPosition").isNull() ? "from log position " + taken.path("fromPosition")
                    .asLong() : "that occurred since " + taken.path("since").asText());
        }
        out.flush();
        return 0;
    }

    /** The republish request, or null when only the outboxes are to be shown. */
    ObjectNode request(Clock clock) {
        if (from == null) {
            return null;
        }
        if (from.position != null) {
            if (from.position < 1) {
                throw new ParameterException(spec.commandLine(), "--from-position must be 1 or more");
            }
            return OperatorClient.JSON.createObjectNode().put("fromPosition", from.position);
        }
        return OperatorClient.JSON.createObjectNode().put("since", since(from.since, clock).toString());
    }

    private Instant since(String text, Clock clock) {
        Matcher ago = AGO.matcher(text);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            Duration back = switch (ago.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(back);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--since " + text
                    + " is neither a UTC time such as 2026-12-02T01:00:00Z nor how long ago, such as 30m, 2h or 7d");
        }
    }

    private static void printOutboxes(JsonNode outboxes, PrintWriter out) {
        out.printf(Locale.ROOT, "%-11s %9s %15s  %-24s %15s %15s %11s%n", "outbox", "kept", "oldest position",
                "oldest event", "newest position", "published to", "unpublished");
        for (JsonNode o : outboxes) {
            out.printf(Locale.ROOT, "%-11s %9d %15d  %-24s %15d %15d %11d%n", o.path("service").asText(),
                    o.path("retained").asLong(), o.path("oldestPosition").asLong(),
                    o.path("oldestAt").isNull() ? "-" : o.path("oldestAt").asText(),
                    o.path("newestPosition").asLong(), o.path("publishedThrough").asLong(),
                    o.path("unpublished").asLong());
        }
    }
}
