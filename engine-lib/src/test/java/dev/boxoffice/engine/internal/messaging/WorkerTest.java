package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.support.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker reports an outage once when it begins and once when it ends, whatever the number of attempts. */
class WorkerTest {

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
}
