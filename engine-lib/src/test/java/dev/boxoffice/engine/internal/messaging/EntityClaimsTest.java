package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.engine.bus.Delivery;
import dev.boxoffice.engine.event.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One entity's deliveries go to the instance that holds it, until that instance runs out of work. */
class EntityClaimsTest {

    private record Plain(EventEnvelope event) implements Delivery {
        @Override
        public int deliveryCount() {
            return 1;
        }

        @Override
        public void ack() {
        }

        @Override
        public void nak(Duration delay) {
        }
    }

    private static Delivery ticket(String id, long version) {
        return new Plain(new EventEnvelope(id + "/" + version, "ticket:updated", id, version, Instant.EPOCH, "c",
                "{}"));
    }

    @Test
    void shouldHandAnEntitysDeliveriesToItsHolder_untilTheHolderLetsGo() {
        EntityClaims<String> claims = new EntityClaims<>(true);
        Delivery a1 = ticket("a", 1);
        Delivery b1 = ticket("b", 1);
        Delivery a2 = ticket("a", 2);
        Delivery c1 = ticket("c", 1);

        assertThat(claims.claim("first", List.of(a1, b1))).containsExactly(a1, b1);
        assertThat(claims.claim("second", List.of(a2, c1))).as("a is held by first").containsExactly(c1);

        assertThat(claims.next("first", List.of())).as("handed over").containsExactly(a2);
        assertThat(claims.next("first", List.of())).as("nothing left: lets go").isEmpty();
        Delivery a3 = ticket("a", 3);
        assertThat(claims.claim("second", List.of(a3))).as("a is free again").containsExactly(a3);
        assertThat(claims.next("second", List.of(b1))).as("what its batch unblocked comes first").containsExactly(b1);
        assertThat(claims.next("second", List.of())).isEmpty();
    }

    @Test
    void shouldFreeAnAbandonedInstancesEntities_forgettingWhatWasHandedToIt() {
        EntityClaims<String> claims = new EntityClaims<>(true);
        Delivery a1 = ticket("a", 1);
        Delivery a2 = ticket("a", 2);
        Delivery a3 = ticket("a", 3);
        claims.claim("failing", List.of(a1));
        assertThat(claims.claim("other", List.of(a2))).isEmpty();

        assertThat(claims.abandon("failing")).as("a2, handed over and never handled").isEqualTo(1);
        assertThat(claims.claim("other", List.of(a3))).as("a is free").containsExactly(a3);
        assertThat(claims.next("failing", List.of())).isEmpty();
    }

    @Test
    void shouldLetEveryInstanceKeepWhatItFetched_whenDisabled() {
        EntityClaims<String> claims = new EntityClaims<>(false);
        Delivery a1 = ticket("a", 1);
        Delivery a2 = ticket("a", 2);

        assertThat(claims.claim("first", List.of(a1))).containsExactly(a1);
        assertThat(claims.claim("second", List.of(a2))).containsExactly(a2);
        assertThat(claims.next("first", List.of())).isEmpty();
    }
}
