package dev.boxoffice.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.SeededTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored form of instants: exactly the fixed-width pattern, written by hand or not, and read back unchanged. */
class StoredTimesTest {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesTheFixedWidthFormWithNineFractionalDigits() {
        assertThat(StoredTimes.format(Instant.parse("2026-12-02T01:56:25.879Z")))
                .isEqualTo("2026-12-02T01:56:25.879000000Z");
        assertThat(StoredTimes.format(Instant.parse("1970-01-01T00:00:00Z")))
                .isEqualTo("1970-01-01T00:00:00.000000000Z");
    }

    @Test
    void theYearsAtAndPastTheEdgesOfFourDigitsAreWrittenAsThePatternWritesThem() {
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z",
                "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "0999-06-30T12:00:00.000000001Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(StoredTimes.format(instant)).as(edge).isEqualTo(PATTERN.format(instant));
            assertThat(StoredTimes.parse(StoredTimes.format(instant))).as(edge).isEqualTo(instant);
        }
    }

    @SeededTest(20)
    void anyInstantIsWrittenAsThePatternWritesItAndReadsBackTheSame(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            // mostly years 0-9999, and some beyond on either side
            long seconds = random.nextLong(-70_000_000_000L, 320_000_000_000L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            assertThat(StoredTimes.format(instant)).as("%s", instant).isEqualTo(PATTERN.format(instant));
            assertThat(StoredTimes.parse(StoredTimes.format(instant))).isEqualTo(instant);
        }
    }

    @SeededTest(5)
    void storedTextsSortAsTheirInstants(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Instant a = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
            Instant b = a.plusNanos(random.nextLong(-5_000_000_000L, 5_000_000_000L));
            assertThat(Integer.signum(StoredTimes.format(a).compareTo(StoredTimes.format(b))))
                    .as("%s against %s", a, b).isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }
}
