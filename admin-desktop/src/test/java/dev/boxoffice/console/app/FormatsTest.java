package dev.boxoffice.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T13:05:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void shouldShowLocalTimeToTheSecond_withTheDateOnlyOnAnotherDay() {
        assertThat(Formats.time(Instant.parse("2026-12-02T13:05:32.123456789Z"), NOW, PARIS)).isEqualTo("14:05:32");
        assertThat(Formats.time(Instant.parse("2026-12-01T13:05:32Z"), NOW, PARIS)).isEqualTo("2026-12-01 14:05:32");
    }

    @Test
    void shouldSayHowFarOffAMomentIs() {
        assertThat(Formats.relative(NOW.plusSeconds(250), NOW)).isEqualTo("in 4:10");
        assertThat(Formats.relative(NOW.plusMillis(1), NOW)).isEqualTo("in 0:01");
        assertThat(Formats.relative(NOW.plusSeconds(3_850), NOW)).isEqualTo("in 1:04:10");
        assertThat(Formats.relative(NOW, NOW)).isEqualTo("now");
        assertThat(Formats.relative(NOW.minusSeconds(12), NOW)).isEqualTo("12 s ago");
        assertThat(Formats.relative(NOW.minusSeconds(150), NOW)).isEqualTo("2 min ago");
        assertThat(Formats.relative(NOW.minusSeconds(7_300), NOW)).isEqualTo("2 h ago");
    }
}
