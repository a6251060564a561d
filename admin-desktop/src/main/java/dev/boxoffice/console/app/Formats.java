package dev.boxoffice.console.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One way to show times across the console: local time to the second ("14:05:32", with the date when it is not
 * today), and where it helps how far off it is ("in 4:10", "2 min ago").
 */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    /** A moment in the operator's time zone: "14:05:32" today, "2026-12-01 14:05:32" another day. */
    public static String time(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        boolean today = local.toLocalDate().equals(LocalDate.ofInstant(now, zone));
        return (today ? TIME : DATE_TIME).format(local);
    }

    /** How far a moment is from now: "in 4:10" (minutes:seconds, or h:mm:ss), "now", "2 min ago", "3 h ago". */
    public static String relative(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        if (d.isNegative()) {
            long ago = d.negated().toSeconds();
            if (ago < 1) {
                return "now";
            }
            if (ago < 60) {
                return ago + " s ago";
            }
            if (ago < 3600) {
                return ago / 60 + " min ago";
            }
            return ago / 3600 + " h ago";
        }
        long seconds = (d.toMillis() + 999) / 1000;
        if (seconds == 0) {
            return "now";
        }
        return "in " + clock(seconds);
    }

    /** Seconds as "4:10", or "1:04:10" past an hour. */
    public static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
