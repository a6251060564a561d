package dev.boxoffice.engine.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.api.PublishAck;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

        assertThatCode(() -> JetStreamTransport.awaitAck(acks, 0, System.nanoTime() + FAR))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> JetStreamTransport.awaitAck(acks, 1, System.nanoTime() + FAR))
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
                + TimeUnit.MILLISECONDS.toNanos(120)))
                .as("a later publish refused says nothing of this one")
                .isInstanceOf(TimeoutException.class)
                .hasMessage("no acknowledgement within 10 s");
    }

    @Test
    void shouldReturnForAnAcknowledgedPublish_whateverCameAfterIt() {
        List<CompletableFuture<PublishAck>> acks = List.of(acknowledged(), acknowledged(), new CompletableFuture<>());

        assertThatCode(() -> JetStreamTransport.awaitAck(acks, 1, System.nanoTime() + FAR))
                .doesNotThrowAnyException();
        assertThat(acks.get(1)).isDone();
    }
}
