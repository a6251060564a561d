package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.internal.expiration.ExpirationService;
import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.support.Stores;
import dev.boxoffice.engine.support.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expiration timers' loop looks for due timers every few milliseconds: a round that finds none writes nothing
 * (no write transaction, no wake-up of the store's relay), a round that finds one fires it, and a round that finds
 * none pending at all says so, for the loop to wait for the store's next commit.
 */
@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class TimerRoundsTest {

    private final Path dir = TempDirs.create("timer-rounds");
    private final MutableClock clock = MutableClock.at("2026-12-03T12:00:00Z");
    private final ServiceDatabase db;
    private final ExpirationService expirations;
    private final AtomicInteger commits = new AtomicInteger();

    TimerRoundsTest(Stores stores) {
        this.db = ServiceDatabase.open(stores.storage(dir), "expiration", 2, clock, new LogSequence());
        this.expirations = new ExpirationService(db, clock);
        db.afterEachCommit(commits::incrementAndGet);
    }

    @AfterEach
    void close() {
        db.close();
        TempDirs.delete(dir);
    }

    @Test
    void shouldCommitNothing_inRoundsThatFindNoTimerDue_andFireATimerOnceItIsDue() {
        String expiresAt = StoredTimes.format(clock.instant().plus(Duration.ofMinutes(15)));
        db.inTransaction(h -> h.execute("INSERT INTO order_timers (order_id, version, status, expires_at, "
                + "correlation_id) VALUES ('order-1', 0, 'created', ?, 'c-1')", expiresAt));
        int afterTheTimer = commits.get();

        for (int round = 0; round < 5; round++) {
            assertThat(expirations.fireDue()).isZero();
        }
        assertThat(commits).as("write transactions of rounds that found nothing due").hasValue(afterTheTimer);

        clock.advance(Duration.ofMinutes(15));
        assertThat(expirations.fireDue()).isEqualTo(1);
        assertThat(commits).hasValue(afterTheTimer + 1);
        assertThat(expirations.fireDue()).as("a fired timer fires once").isZero();
        assertThat(commits).hasValue(afterTheTimer + 1);
    }

    @Test
    void shouldSayNothingIsPending_onlyAfterARoundThatFoundNoTimerToFireNowOrLater() {
        assertThat(expirations.nothingPending()).as("before any round").isFalse();
        assertThat(expirations.fireDue()).isZero();
        assertThat(expirations.nothingPending()).as("an empty store").isTrue();

        String expiresAt = StoredTimes.format(clock.instant().plus(Duration.ofMinutes(15)));
        db.inTransaction(h -> h.execute("INSERT INTO order_timers (order_id, version, status, expires_at, "
                + "correlation_id) VALUES ('order-1', 0, 'created', ?, 'c-1')", expiresAt));
        assertThat(expirations.fireDue()).isZero();
        assertThat(expirations.nothingPending()).as("a timer due in 15 minutes").isFalse();

        clock.advance(Duration.ofMinutes(15));
        assertThat(expirations.fireDue()).isEqualTo(1);
        assertThat(expirations.nothingPending()).isFalse();
        assertThat(expirations.fireDue()).isZero();
        assertThat(expirations.nothingPending()).as("once the timer fired").isTrue();
    }
}
