package dev.boxoffice.server.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks every setting before anything is opened, so that a bad one stops the start with one line naming the
 * environment variable, the value and the accepted form, instead of a stack trace, or worse, a default used in
 * silence ({@code BOXOFFICE_EXPIRY_WINDOW=banana} must not give 15 minutes).
 */
@Context
public class StartupSettings {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Environment env;

    public StartupSettings(Environment env) {
        this.env = env;
        integer("micronaut.server.port", -1, 65_535, "a port number from 1 to 65535");
        duration("boxoffice.expiry-window");
        integer("boxoffice.order-replicas", 1, 64, "a whole number from 1 to 64");
        bool("boxoffice.entity-affinity");
        integer("boxoffice.fetch-batch", 1, 1024, "a whole number from 1 to 1024");
        duration("boxoffice.stream-heartbeat");
        duration("boxoffice.outbox-retention");
        duration("boxoffice.processed-event-retention");
        duration("boxoffice.log-retention");
        integer("boxoffice.order-rate.capacity", 1, Integer.MAX_VALUE, "a whole number of orders, at least 1");
        integer("boxoffice.order-rate.per-minute", 1, Integer.MAX_VALUE, "a whole number of orders a minute, at least 1");
        raw("boxoffice.admin.email").ifPresent(email -> {
            if (!EMAIL.matcher(email.strip()).matches()) {
                throw refused("boxoffice.admin.email", shown(email), "an email address such as admin@example.com");
            }
        });
        raw("boxoffice.admin.password").filter(p -> !p.isEmpty()).ifPresent(password -> {
            // 4 characters at least, as for every account; at most 72 bytes, all that bcrypt reads
            int length = password.strip().length();
            if (length < 4 || password.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
                throw new SettingException(variable("boxoffice.admin.password") + " (boxoffice.admin.password) has "
                        + length + " characters: use 4 to 72 (spaces at either end do not count)");
            }
        });
        raw("boxoffice.jwt-secret").filter(s -> !s.isBlank()).ifPresent(secret -> {
            if (secret.length() < 32) {
                throw new SettingException(variable("boxoffice.jwt-secret") + " (boxoffice.jwt-secret) has "
                        + secret.length() + " characters: use at least 32, or unset it to have one generated");
            }
        });
        raw("boxoffice.database.url").filter(u -> !u.isBlank()).ifPresent(url -> {
            if (!url.strip().startsWith("jdbc:postgresql://")) {
                throw refused("boxoffice.database.url", shown(url),
                        "a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/boxoffice, or unset it for "
                        + "SQLite files in the data directory");
            }
        });
        raw("boxoffice.node-id").filter(id -> !id.isBlank()).ifPresent(id -> {
            if (!dev.boxoffice.engine.BoxOfficeBuilder.isValidNodeId(id.strip())) {
                throw refused("boxoffice.node-id", shown(id), "1 to 64 letters, digits, dots, dashes or underscores, "
                        + "starting with a letter or digit, such as node-2");
            }
        });
        boolean clustered = raw("boxoffice.database.url").filter(u -> !u.isBlank()).isPresent()
                && raw("boxoffice.nats.url").filter(u -> !u.isBlank()).isPresent();
        if (clustered && raw("boxoffice.jwt-secret").filter(s -> !s.isBlank()).isEmpty()) {
            throw new SettingException(variable("boxoffice.jwt-secret") + " (boxoffice.jwt-secret) is not set: the "
                    + "nodes of a cluster (BOXOFFICE_DATABASE_URL and BOXOFFICE_NATS_URL set) must sign sessions with "
                    + "one secret; set the same one, of at least 32 characters, on every node");
        }
        dataDirectory();
    }


    /** The environment variable that maps onto a property, e.g. {@code BOXOFFICE_EXPIRY_WINDOW}. */
    static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Optional<String> raw(String property) {
        return env.getProperty(property, String.class);
    }

    private static SettingException refused(String property, String shown, String accepted) {
        return new SettingException(variable(property) + " (" + property + ") is " + shown + ": use " + accepted);
    }

    /** The value in quotes, cut short and without control characters: it is whatever someone typed. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private void integer(String property, int min, int max, String accepted) {
        raw(property).ifPresent(value -> {
            try {
                int n = Integer.parseInt(value.strip());
                if (n < min || n > max) {
                    throw refused(property, shown(value), accepted);
                }
            } catch (NumberFormatException e) {
                throw refused(property, shown(value), accepted);
            }
        });
    }

    private void duration(String property) {
        raw(property).ifPresent(value -> {
            Optional<Duration> parsed = env.getProperty(property, Duration.class);
            if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
                throw refused(property, shown(value), "a duration such as 15m, 90s, 2h or 500ms");
            }
        });
    }

    private void bool(String property) {
        raw(property).ifPresent(value -> {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw refused(property, shown(value), "true or false");
            }
        });
    }

    private void dataDirectory() {
        String value = raw("boxoffice.data-dir").orElse("./data");
        String problem;
        try {
            Path dir = Path.of(value).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
            return;
        } catch (InvalidPathException e) {
            problem = "is not a path";
        } catch (IOException e) {
            problem = Files.isRegularFile(Path.of(value)) ? "is a file, not a directory"
                    : "cannot be created or written to (" + e.getClass().getSimpleName() + ")";
        }
        throw new SettingException(variable("boxoffice.data-dir") + " (boxoffice.data-dir) " + shown(value) + " "
                + problem + ": use a directory this user can write to");
    }
}
