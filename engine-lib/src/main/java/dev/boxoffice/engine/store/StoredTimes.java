package dev.boxoffice.engine.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the engine stores them, as text: fixed-width ISO-8601 in UTC with nine fractional digits
 * ({@code 2026-12-02T01:56:25.879000000Z}), so that SQL compares and sorts them correctly as strings on every
 * database ({@code Instant.toString()} drops trailing zeros and does not sort). Tables kept next to the engine's
 * (an application's own, opened through {@link Storage}) use the same form.
 */
public final class StoredTimes {

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private StoredTimes() {
    }

    /** The stored text of an instant. */
    public static String format(Instant instant) {
        return FIXED.format(instant);
    }

    /** The instant a stored text stands for. */
    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
