package dev.boxoffice.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.api.PublishAck;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How the JetStream transport waits for a batch's acknowledgements ({@link JetStreamTransport#awaitAck}): a publish
 * still unanswered once a later one was acknowledged was lost in a dead connection, and fails the batch at once
 * rather than at the deadline. With the broker itself, {@code EngineOverJetStreamTest} kills it mid-stream.
 */
class PublishAcksTest {

    /** A deadline a wait for a publish found lost must not reach: it ends after one slice of the wait. */
    private static final long FAR = TimeUnit.SECONDS.toNanos(5);

    private static CompletableFuture<PublishAck> acknowledged() {
        return CompletableFuture.completedFuture(null);
    }

    @Test
    void shouldFailAPublishAtOnce_whenALaterOneOfItsBatchWasAcknowledged() {
        List<CompletableFuture<PublishAck>> acks = List.of(acknowledged(), new CompletableFuture<>(),
                new CompletableFuture<>(), acknowledged());

        assertThatCode(() -> JetStreamTransport.awaitAck(acks, 0, System.nanoTime() + FAR, () -> false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> JetStreamTransport.awaitAck(acks, 1, System.nanoTime() + FAR, () -> false))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("publish 2 of 4 lost: unanswered while a later one was acknowledged");
    }

    @Test
    void shouldWaitOnUntilTheDeadline_whileNoLaterOneIsAcknowledged() {
        CompletableFuture<PublishAck> refused = new CompletableFuture<>();
        refused.completeExceptionally(new IllegalStateException("no responders"));
        List<CompletableFuture<PublishAck>> acks = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                refused);

        assertThatThrownBy(() -> JetStreamTransport.awaitAck(acks, 0, System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(120), () -> false))
                .as("a later publish refused says nothing of this one")
                .isInstanceOf(TimeoutException.class)
                .hasMessage("no acknowledgement within 10 s");
    }

    @Test
    void shouldFailAPublishAtOnce_whenTheConnectionWasRestoredLongAgoWithoutItsAnswer() {
        List<CompletableFuture<PublishAck>> acks = List.of(new CompletableFuture<>(), new CompletableFuture<>());

        assertThatThrownBy(() -> JetStreamTransport.awaitAck(acks, 0, System.nanoTime() + FAR, () -> true))
                .as("the whole batch lost: no later answer to go by")
                .isInstanceOf(TimeoutException.class)
                .hasMessage("publish 1 of 2 lost: unanswered a second after the connection was restored");
        assertThatCode(() -> JetStreamTransport.awaitAck(List.of(acknowledged()), 0, System.nanoTime() + FAR,
                () -> true)).as("answered: restored or not").doesNotThrowAnyException();
    }

    @Test
    void shouldCountTheGraceFromWhenAWaitFirstSawTheConnectionRestored() {
        AtomicLong reconnects = new AtomicLong(3);
        AtomicLong now = new AtomicLong(1_000);
        JetStreamTransport.ReconnectWatch watch = new JetStreamTransport.ReconnectWatch(reconnects, now::get, 500);

        now.addAndGet(10_000);
        assertThat(watch.longAgo()).as("not restored since the batch was sent").isFalse();
        reconnects.incrementAndGet();
        assertThat(watch.longAgo()).as("restored, seen just now").isFalse();
        now.addAndGet(499);
        assertThat(watch.longAgo()).isFalse();
        now.addAndGet(1);
        assertThat(watch.longAgo()).as("the grace over").isTrue();
    }

    @Test
    void shouldReturnForAnAcknowledgedPublish_whateverCameAfterIt() {
        List<CompletableFuture<PublishAck>> acks = List.of(acknowledged(), acknowledged(), new CompletableFuture<>());

        assertThatCode(() -> JetStreamTransport.awaitAck(acks, 1, System.nanoTime() + FAR, () -> false))
                .doesNotThrowAnyException();
        assertThat(acks.get(1)).isDone();
    }
}
