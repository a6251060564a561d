package dev.boxoffice.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/** What the server's JSON looks like to the console: one record per resource. */
public final class Rows {

    private Rows() {
    }

    /**
     * A ticket; from the operator API also its seller's email and where it stands ({@code free}, {@code reserved},
     * {@code sold}); those two are null from the public API.
     */
    public record Ticket(String id, String title, BigDecimal price, String userId, long version, String orderId,
                        String userEmail, String status) {
    }

    /** An order; {@code userEmail} is the buyer's email (the operator API's lists have it, a buyer's own do not). */
    public record Order(String id, String status, String userId, String userEmail, Instant expiresAt, long version,
                        OrderedTicket ticket) {
    }

    public record OrderedTicket(String id, String title, BigDecimal price) {
    }

    public record Replica(String id, String group, String node, long delivered, long applied, long duplicates,
                          long outOfOrderRefused, long redelivered, long deadLettered, long gapRepairs) {
    }

    /** A server node sharing the stores, as {@code GET /api/admin/nodes} shows it (the answering node first). */
    public record Node(String nodeId, Instant startedAt, Instant lastSeen, Instant stoppedAt, boolean live,
                       java.util.List<String> duties, java.util.List<Replica> replicas) {
    }

    public record TicketReplica(String id, String title, BigDecimal price, String userId, long version) {
    }

    public record Event(String id, String subject, String aggregateId, long version, Instant occurredAt,
                        String correlationId, JsonNode payload) {
    }

    public record DeadLetter(String id, String group, String eventId, String subject, String aggregateId,
                             long version, int deliveries, String reason, Instant deadAt) {
    }

    public record RetryOutcome(String deadLetterId, boolean resolved, String detail) {
    }

    /** A pending expiry timer, with its order's ticket title and buyer's email (null when not known). */
    public record Timer(String orderId, Instant expiresAt, String ticketTitle, String userEmail) {
    }

    public record Payment(String id, String orderId, String status) {
    }

    public record Stats(long tickets, long reservedTickets, java.util.Map<String, Long> ordersByStatus,
                        long deadLetters, long pendingTimers, long overdueTimers) {
    }
}
