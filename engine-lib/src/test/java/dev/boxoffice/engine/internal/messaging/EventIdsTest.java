package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Event ids sort in the order they were taken, as the stores' indexes order them (text), whether the clock moves or
 * stands still: a new id lands at the end of every index keyed by event id.
 */
class EventIdsTest {

    @Test
    void shouldSortInTheOrderTaken_whenTheClockStandsStillOrMoves() {
        MutableClock clock = MutableClock.at("2026-12-03T09:00:00Z");
        EventIds ids = new EventIds(clock);
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            taken.add(ids.next());
            if (i % 1_000 == 999) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        assertThat(new HashSet<>(taken)).hasSize(taken.size());
        assertThat(taken).isSorted();
        assertThat(taken).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    }

    @Test
    void shouldCarryTheEnginesClock_notTheSystemClock() {
        MutableClock clock = MutableClock.at("2026-12-03T09:00:00Z");
        UUID id = UUID.fromString(new EventIds(clock).next());
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void shouldKeepIdsOfTwoProcessesApart_atTheSameMillisecond() {
        MutableClock clock = MutableClock.at("2026-12-03T09:00:00Z");
        EventIds one = new EventIds(clock);
        EventIds other = new EventIds(clock);
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(one.next());
            seen.add(other.next());
        }
        assertThat(seen).hasSize(20_000);
    }
}
