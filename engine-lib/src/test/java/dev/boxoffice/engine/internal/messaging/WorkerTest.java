package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A worker reports an outage once when it begins and once when it ends, whatever the number of attempts; told when
 * nothing is pending, it waits for a change rather than poll, and never on what a round read before a change.
 */
class WorkerTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);

    @Test
    void shouldReportEachOutageOnce_notEachAttempt() {
        List<String> reports = new CopyOnWriteArrayList<>();
        Outage.Report recording = new Outage.Report() {
            @Override
            public void began(String worker, RuntimeException failure) {
                reports.add("began " + failure.getMessage());
            }

            @Override
            public void ended(String worker, int failedAttempts) {
                reports.add("ended after " + failedAttempts);
            }
        };
        AtomicInteger calls = new AtomicInteger();
        // calls 1-4 fail, 5-6 succeed, 7-9 fail, then it works for good
        Worker worker = new Worker("relay", Duration.ofMillis(1), () -> {
            int call = calls.incrementAndGet();
            if (call <= 4 || (call >= 7 && call <= 9)) {
                throw new IllegalStateException("broker down " + call);
            }
            return 0;
        }, recording);
        try {
            worker.start();
            Await.until("the worker to run past both outages", Duration.ofSeconds(10), () -> calls.get() >= 12);
        } finally {
            worker.close();
        }
        assertThat(reports).containsExactly("began broker down 1", "ended after 4", "began broker down 7",
                "ended after 3");
    }

    @Test
    void shouldRunARoundOnEachChange_whileNothingIsPending_andNoneBetween() {
        AtomicInteger rounds = new AtomicInteger();
        Worker worker = countingRounds(rounds, true);
        try {
            worker.start();
            for (int change = 1; change <= 3; change++) {
                int round = change;
                Await.until("round " + round + " to end in a quiet wait", Duration.ofSeconds(10),
                        () -> rounds.get() == round && worker.waitingQuietly());
                worker.changed();
            }
            Await.until("the round after the last change", Duration.ofSeconds(10),
                    () -> rounds.get() == 4 && worker.waitingQuietly());
            assertThat(rounds).as("one round to begin with and one per change, where 1 ms polls would run "
                    + "hundreds").hasValue(4);
        } finally {
            worker.close();
        }
    }

    @Test
    void shouldPollAtItsInterval_whileSomethingIsPending() {
        AtomicInteger rounds = new AtomicInteger();
        Worker worker = countingRounds(rounds, false);
        try {
            worker.start();
            Await.until("rounds every millisecond", Duration.ofSeconds(10), () -> rounds.get() >= 20);
            assertThat(worker.waitingQuietly()).isFalse();
        } finally {
            worker.close();
        }
    }

    @Test
    void shouldNotWaitQuietly_onWhatARoundReadBeforeAChange() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<Worker> self = new AtomicReference<>();
        // the first round's read finds nothing pending, and a commit lands before the round ends: what it wrote
        // may not have been read, so the loop must look again rather than wait an hour
        Worker worker = new Worker("timers", Duration.ofMillis(1), () -> {
            if (rounds.incrementAndGet() == 1) {
                self.get().changed();
            }
            return 0;
        }).quietWhen(() -> true, AN_HOUR);
        self.set(worker);
        try {
            worker.start();
            Await.until("a second round", Duration.ofSeconds(10), () -> rounds.get() >= 2);
        } finally {
            worker.close();
        }
    }

    /** A worker polling every millisecond, finding nothing to do, told whether anything is pending. */
    private static Worker countingRounds(AtomicInteger rounds, boolean nothingPending) {
        return new Worker("timers", Duration.ofMillis(1), () -> {
            rounds.incrementAndGet();
            return 0;
        }).quietWhen(() -> nothingPending, AN_HOUR);
    }
}
