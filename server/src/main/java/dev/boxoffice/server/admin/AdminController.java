package dev.boxoffice.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.bus.DeadLetter;
import dev.boxoffice.engine.cluster.NodeStatus;
import dev.boxoffice.engine.bus.DeadLetters.RetryOutcome;
import dev.boxoffice.engine.bus.Outboxes;
import dev.boxoffice.engine.event.EventEnvelope;
import dev.boxoffice.engine.event.EventQuery;
import dev.boxoffice.engine.expiration.Expirations;
import dev.boxoffice.engine.expiration.ExpiryTimer;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.order.TicketReplica;
import dev.boxoffice.engine.ticket.TicketNotFoundException;
import dev.boxoffice.engine.replication.ReplicaCounters;
import dev.boxoffice.server.api.Pages;
import dev.boxoffice.server.api.QueryValues;
import dev.boxoffice.server.api.RequestBodies;
import dev.boxoffice.server.config.BoxofficeConfiguration;
import dev.boxoffice.server.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/** The operator API: what is flowing, what is stuck, and a way to act on it. Operator role only. */
@Controller("/api/admin")
@Secured("operator")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {

    private static final int DEFAULT_LIMIT = 100;

    private final BoxOffice engine;
    private final java.time.Clock clock;
    private final java.time.Duration heartbeat;

    private final RequestBodies bodies;
    private final dev.boxoffice.server.auth.UserStore users;
    /** The stats' two counts of whole tables, kept a while when they are costly ({@link CostlyCount}). */
    private final CostlyCount<dev.boxoffice.engine.ticket.Tickets.Counts> ticketCounts;
    private final CostlyCount<java.util.Map<dev.boxoffice.engine.order.OrderStatus, Long>> orderCounts;

    public AdminController(BoxOffice engine, java.time.Clock clock, BoxofficeConfiguration config,
                           RequestBodies bodies, dev.boxoffice.server.auth.UserStore users) {
        this.engine = engine;
        this.users = users;
        this.bodies = bodies;
        this.clock = clock;
        this.heartbeat = config.streamHeartbeat();
        this.ticketCounts = new CostlyCount<>(() -> engine.tickets().counts(), System::nanoTime);
        this.orderCounts = new CostlyCount<>(() -> engine.orders().countByStatus(), System::nanoTime);
    }

    /** An event as the operator sees it; the payload is the event's JSON, inline. */
    public record EventView(String id, String subject, String aggregateId, long version, Instant occurredAt,
                            String correlationId, @JsonRawValue String payload) {
        static EventView of(EventEnvelope e) {
            return new EventView(e.eventId(), e.subject(), e.aggregateId(), e.version(), e.occurredAt(),
                    e.correlationId(), e.payload());
        }
    }

    /** A dead letter, flattened. */
    public record DeadLetterView(String id, String group, String eventId, String subject, String aggregateId,
                                 long version, int deliveries, String reason, Instant deadAt,
                                 @JsonRawValue String payload) {
        static DeadLetterView of(DeadLetter d) {
            EventEnvelope e = d.event();
            return new DeadLetterView(d.id(), d.group(), e.eventId(), e.subject(), e.aggregateId(), e.version(),
                    d.deliveries(), d.reason(), d.deadAt(), e.payload());
        }
    }

    @Get("/events")
    public List<EventView> events(@Nullable @QueryValue String aggregateId, @Nullable @QueryValue String subject,
                                  @Nullable @QueryValue String limit) {
        int max = QueryValues.limit(limit, DEFAULT_LIMIT, EventQuery.MAX_LIMIT);
        return engine.events().list(new EventQuery(QueryValues.orNull(subject), QueryValues.orNull(aggregateId), max)).stream()
                .map(EventView::of).toList();
    }

    /** Each consumer group's lag: deliveries its transport still holds for it. */
    @Get("/lag")
    public java.util.Map<String, Long> lag() {
        return engine.lag();
    }

    /** Each service's outbox: what it keeps of what it published (the retention window), and its relay cursor. */
    @Get("/outboxes")
    public List<Outboxes.State> outboxes() {
        return engine.outboxes().list();
    }

    /** What a republish request was taken as: how many kept events go out again, from where. */
    public record Republish(long events, @Nullable Long fromPosition, @Nullable Instant since) {
    }

    /**
     * Publishes again, from the outboxes, every kept event from a log position ({@code {"fromPosition": 1234}})
     * or a time ({@code {"since": "2026-12-02T01:00:00Z"}}): after a broker lost events. Consumers drop what they
     * already have. Answers 202 at once; the relays do the work.
     */
    @Post("/outboxes/republish")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Republish> republish(@Body @Nullable byte[] body) {
        ObjectNode json = bodies.object(body);
        JsonNode position = json.get("fromPosition");
        JsonNode since = json.get("since");
        if ((position == null) == (since == null)) {
            throw ApiException.badRequest("Give either fromPosition (a log position) or since (a time)");
        }
        if (position != null) {
            if (!position.isIntegralNumber() || !position.canConvertToLong() || position.longValue() < 1) {
                throw ApiException.invalid("fromPosition", "fromPosition must be a whole number, 1 or more");
            }
            long from = position.longValue();
            return HttpResponse.accepted().body(new Republish(engine.outboxes().republishFrom(from), from, null));
        }
        Instant from;
        try {
            from = Instant.parse(since.isTextual() ? since.textValue() : "");
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("since", "since must be a UTC time such as 2026-12-02T01:00:00Z");
        }
        return HttpResponse.accepted().body(new Republish(engine.outboxes().republishSince(from), null, from));
    }

    /** Every consumer instance of every node sharing the stores; another node's as it last reported. */
    @Get("/replicas")
    public List<ReplicaCounters> replicas() {
        return engine.replicas();
    }

    /**
     * Every node sharing the stores, this one first: whether it is live, when it last reported (about every second),
     * the duties it holds (the outbox relays, the expiry timers, payment settlement) and its instances' counters.
     */
    @Get("/nodes")
    public List<NodeView> nodes() {
        return engine.nodes().list().stream().map(NodeView::of).toList();
    }

    /** A node, with every field present: {@code stoppedAt} null while it runs, {@code duties} empty when it has none. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NodeView(String nodeId, Instant startedAt, Instant lastSeen, @Nullable Instant stoppedAt,
                           boolean live, List<String> duties, List<ReplicaCounters> replicas) {
        static NodeView of(NodeStatus n) {
            return new NodeView(n.nodeId(), n.startedAt(), n.lastSeen(), n.stoppedAt(), n.live(), n.duties(),
                    n.replicas());
        }
    }

    /**
     * The dead letters, oldest first, a page at a time ({@code after} a dead letter's id, {@code limit}; a {@code Link}
     * to the next page, as {@code /orders}).
     */
    @Get("/dead-letters")
    public HttpResponse<List<DeadLetterView>> deadLetters(@Nullable @QueryValue String after,
                                                          @Nullable @QueryValue String limit) {
        int size = QueryValues.limit(limit, RecordsController.DEFAULT_PAGE, RecordsController.MAX_PAGE);
        List<DeadLetter> page = Pages.fetch(engine.deadLetters()::page, after, size, "the id of a dead letter");
        return Pages.of(page, size, DeadLetterView::of, DeadLetterView::id, "/api/admin/dead-letters",
                java.util.Map.of());
    }

    @Post("/dead-letters/{id}/retry")
    public RetryOutcome retry(String id) {
        return engine.deadLetters().retry(id);
    }

    /** The orders service's copy of a ticket (its replica), to compare with the tickets service's. */
    @Get("/ticket-replicas/{id}")
    public TicketReplicaView ticketReplica(String id) {
        return engine.orders().ticketReplica(id).map(TicketReplicaView::of)
                .orElseThrow(() -> new TicketNotFoundException(id));
    }

    /** A ticket as the order replica holds it. */
    public record TicketReplicaView(String id, String title, BigDecimal price, String userId, long version) {
        static TicketReplicaView of(TicketReplica r) {
            return new TicketReplicaView(r.id(), r.title(), r.price().amount(), r.userId(), r.version());
        }
    }

    /** Counts for a dashboard. */
    public record Stats(long tickets, long reservedTickets, java.util.Map<String, Long> ordersByStatus,
                        long deadLetters, long pendingTimers, long overdueTimers) {
    }

    @Get("/stats")
    public Stats stats() {
        var tickets = ticketCounts.get();
        java.util.Map<String, Long> orders = new java.util.LinkedHashMap<>();
        orderCounts.get().forEach((status, n) -> orders.put(status.wireName(), n));
        Expirations.Counts timers = engine.expirations().counts();
        return new Stats(tickets.total(), tickets.reserved(), orders, engine.deadLetters().count(), timers.pending(),
                timers.overdue());
    }

    /** A pending expiry timer, with what the operator knows the order by: its ticket's title and its buyer. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TimerView(String orderId, Instant expiresAt, @Nullable String ticketTitle,
                            @Nullable String userEmail) {
    }

    /**
     * The pending expiry timers, soonest first, a page at a time ({@code after} an order id, {@code limit}; a
     * {@code Link} to the next page, as {@code /orders}).
     */
    @Get("/expirations")
    public HttpResponse<List<TimerView>> expirations(@Nullable @QueryValue String after,
                                                     @Nullable @QueryValue String limit) {
        int size = QueryValues.limit(limit, RecordsController.DEFAULT_PAGE, RecordsController.MAX_PAGE);
        List<ExpiryTimer> page = Pages.fetch(engine.expirations()::page, after, size,
                "the id of an order with an expiry timer");
        java.util.Map<String, Order> orders = new java.util.HashMap<>();
        engine.orders().findAll(Pages.shown(page, size).stream().map(ExpiryTimer::orderId).toList())
                .forEach(o -> orders.put(o.id(), o));
        java.util.Map<String, String> emails = users.emails(orders.values().stream().map(Order::userId).toList());
        return Pages.of(page, size, t -> {
            Order order = orders.get(t.orderId());
            return new TimerView(t.orderId(), t.expiresAt(), order == null ? null : order.ticket().title(),
                    order == null ? null : emails.get(order.userId()));
        }, TimerView::orderId, "/api/admin/expirations", java.util.Map.of());
    }

    /**
     * Server-sent events: one per published event, its data the event as JSON, its name the subject.
     *
     * <p>The route matches whatever the {@code Accept} header says, so that the security rule decides first
     * (401 anonymous, 403 not an operator); only then is a client that accepts no event stream told 406. The
     * status line and headers go out at once with a first heartbeat, and another follows every
     * {@code boxoffice.stream-heartbeat} while nothing is published, so that a client can tell a quiet stream from
     * a hung server. A heartbeat is a comment line plus an event named {@code heartbeat} with data {@code {}}: a
     * comment-only frame would be the textbook heartbeat, but Micronaut's own SSE client fails on a frame without
     * data, and browsers' {@code EventSource} ignores a named event nobody listens for.
     */
    @Get(value = "/stream", produces = {MediaType.TEXT_EVENT_STREAM, MediaType.ALL})
    @ExecuteOn(TaskExecutors.IO)
    public HttpResponse<Publisher<Event<?>>> stream(HttpRequest<?> request) {
        java.util.Collection<MediaType> accepted = request.accept();
        if (!accepted.isEmpty() && accepted.stream().noneMatch(a -> a.matches(MediaType.TEXT_EVENT_STREAM_TYPE))) {
            throw new ApiException(HttpStatus.NOT_ACCEPTABLE,
                    "This route sends text/event-stream: accept it (or */*)", null);
        }
        Flux<Event<?>> events = Flux.create(sink -> {
            var registration = engine.events().subscribe(e ->
                    sink.next(Event.of(EventView.of(e)).id(e.eventId()).name(e.subject())));
            sink.onDispose(registration::close);
        }, FluxSink.OverflowStrategy.BUFFER);
        Flux<Event<?>> heartbeats = Flux.interval(heartbeat).map(n -> heartbeat("heartbeat"));
        return HttpResponse.<Publisher<Event<?>>>ok(Flux.merge(Flux.just(heartbeat("live")), events, heartbeats))
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
    }

    /** The name of the stream's heartbeat events; every other event is named by its subject. */
    public static final String HEARTBEAT = "heartbeat";

    private static Event<?> heartbeat(String comment) {
        return Event.of(java.util.Map.of()).name(HEARTBEAT).comment(comment);
    }
}
