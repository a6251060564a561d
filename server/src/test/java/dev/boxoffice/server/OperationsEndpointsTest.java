package dev.boxoffice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** What operators of a Micronaut service expect: health, Prometheus metrics, an OpenAPI description. */
@MicronautTest
class OperationsEndpointsTest extends ApiTestSupport {

    @Test
    void shouldReportHealthUp() {
        Reply health = get("/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void shouldExposePrometheusMetrics() {
        get("/api/tickets", null);

        Reply metrics = get("/prometheus", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count").contains("jvm_memory_used_bytes");
        for (String group : new String[] {"tickets", "orders", "expiration", "payments"}) {
            assertThat(metrics.body()).contains("boxoffice_consumer_lag{group=\"" + group + "\"}");
        }
    }

    @Test
    void shouldServeTheOpenApiDescription() {
        Reply spec = get("/swagger/boxoffice-0.1.yml", null);

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi:").contains("/api/tickets").contains("/api/orders/{id}")
                .contains("/api/payments").contains("/api/admin/stream");
    }
}
