package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.store.StoredTimes;
import dev.boxoffice.engine.event.EventEnvelope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.SqlStatement;

/** Reads and binds the envelope columns that the outbox, dead letters and the embedded log share. */
public final class Envelopes {

    /** The envelope's columns, in the order {@link #bind} names them. */
    public static final String COLUMNS =
            "event_id, subject, aggregate_id, version, occurred_at, correlation_id, payload";
    /** Named parameters matching {@link #COLUMNS}. */
    public static final String PARAMETERS =
            ":eventId, :subject, :aggregateId, :version, :occurredAt, :correlationId, :payload";

    private Envelopes() {
    }

    /**
     * The entity kind and id an event is about, as refusals name it: {@code "ticket:<id>"} for both
     * {@code ticket:created} and {@code ticket:updated}.
     */
    public static String entityOf(EventEnvelope event) {
        int colon = event.subject().indexOf(':');
        return (colon < 0 ? event.subject() : event.subject().substring(0, colon)) + ":" + event.aggregateId();
    }

    public static EventEnvelope read(ResultSet rs) throws SQLException {
        return new EventEnvelope(rs.getString("event_id"), rs.getString("subject"), rs.getString("aggregate_id"),
                rs.getLong("version"), Instant.parse(rs.getString("occurred_at")), rs.getString("correlation_id"),
                rs.getString("payload"));
    }

    public static <S extends SqlStatement<S>> S bind(S statement, EventEnvelope e) {
        return statement.bind("eventId", e.eventId())
                .bind("subject", e.subject())
                .bind("aggregateId", e.aggregateId())
                .bind("version", e.version())
                .bind("occurredAt", StoredTimes.format(e.occurredAt()))
                .bind("correlationId", e.correlationId())
                .bind("payload", e.payload());
    }
}
