package dev.boxoffice.server.config;

import dev.boxoffice.engine.BoxOfficeBuilder;

/**
 * Adjusts the engine before the server builds it, after the {@code boxoffice.*} settings are applied: an application
 * embedding the server registers one as a bean to plug in its own transport or payment gateway, or to tune delivery
 * (e.g. {@link BoxOfficeBuilder#maxDeliveries}). Customizers run in bean order.
 */
@FunctionalInterface
public interface EngineCustomizer {

    void customize(BoxOfficeBuilder builder);
}
