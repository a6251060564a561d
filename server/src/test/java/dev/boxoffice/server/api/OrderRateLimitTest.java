package dev.boxoffice.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.server.ApiTestSupport;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest
@Property(name = "boxoffice.order-rate.capacity", value = "3")
@Property(name = "boxoffice.order-rate.per-minute", value = "1")
class OrderRateLimitTest extends ApiTestSupport {

    @Test
    void shouldAnswer429WithRetryAfter_whenOneBuyerOrdersTooOften() {
        Session greedy = signup();
        for (int i = 0; i < 3; i++) {
            assertThat(order(greedy, replicatedTicket(signup(), "T" + i, "5")).status()).isEqualTo(201);
        }

        String next = replicatedTicket(signup(), "T3", "5");
        Reply refused = order(greedy, next).assertError(429);

        assertThat(Long.parseLong(refused.headers().get("Retry-After"))).isBetween(1L, 60L);
        assertThat(order(signup(), next).status()).as("another buyer is not limited").isEqualTo(201);
    }
}
