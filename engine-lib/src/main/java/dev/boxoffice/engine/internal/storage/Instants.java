package dev.boxoffice.engine.internal.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as stored text: fixed-width ISO-8601 with nine fractional digits, so that SQL compares and sorts them
 * correctly as strings ({@code Instant.toString()} drops trailing zeros and does not sort).
 */
public final class Instants {

    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Instants() {
    }

    public static String format(Instant instant) {
        return FIXED.format(instant);
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
