package dev.boxoffice.engine.event;

import dev.boxoffice.engine.support.Stores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static dev.boxoffice.engine.support.EngineFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.order.Order;
import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.engine.ticket.Ticket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@MethodSource("dev.boxoffice.engine.support.Stores#underTest")
class EventLogTest {

    @Parameter
    Stores stores;

    @TempDir
    Path dir;
    MutableClock clock = MutableClock.at("2026-03-03T03:03:03Z");

    @Test
    void shouldListEventsCausesFirst_filteredBySubjectAndAggregate() throws Exception {
        try (BoxOffice engine = stores.on(BoxOffice.builder(), dir).clock(clock).build()) {
            List<EventEnvelope> live = new CopyOnWriteArrayList<>();
            EventLog.Registration subscription = engine.events().subscribe(live::add);
            Ticket ticket = engine.tickets().create("Folk", usd("8"), "seller");
            engine.tickets().update(ticket.id(), "Folk night", usd("9"), "seller");
            engine.awaitQuiescence(QUIET);
            Order order = engine.orders().place(ticket.id(), "buyer");
            engine.awaitQuiescence(QUIET);

            List<EventEnvelope> all = engine.events().list(EventQuery.all(100));
            assertThat(all).extracting(EventEnvelope::subject)
                    .containsExactly("ticket:created", "ticket:updated", "order:created", "ticket:updated");
            assertThat(all).extracting(EventEnvelope::occurredAt).containsOnly(clock.instant());
            assertThat(all.get(2).correlationId()).isEqualTo(all.get(3).correlationId());

            assertThat(engine.events().list(new EventQuery("ticket:updated", null, 100)))
                    .extracting(EventEnvelope::version).containsExactly(1L, 2L);
            assertThat(engine.events().list(new EventQuery(null, order.id(), 100)))
                    .extracting(EventEnvelope::subject).containsExactly("order:created");
            assertThat(engine.events().list(EventQuery.all(2))).hasSize(2).containsExactlyElementsOf(all.subList(0, 2));
            assertThat(live).containsExactlyInAnyOrderElementsOf(all);

            subscription.close();
            engine.tickets().create("After", usd("1"), "seller");
            engine.awaitQuiescence(QUIET);
            assertThat(live).hasSize(4);
        }
    }

    @Test
    void shouldRejectALimitOutOfRange() {
        assertThatThrownBy(() -> EventQuery.all(0)).isInstanceOf(dev.boxoffice.engine.ValidationException.class);
        assertThatThrownBy(() -> EventQuery.all(10_001)).isInstanceOf(dev.boxoffice.engine.ValidationException.class);
    }
}
