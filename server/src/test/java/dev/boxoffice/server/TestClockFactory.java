package dev.boxoffice.server;

import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.server.config.EngineFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * In tests the business clock stands still until a test moves it, so expiry needs no waiting. A server in a child
 * JVM that must run on real time (its timers fire while other processes work) is started with
 * {@code -Dtest.clock=system}.
 */
@Factory
@Requires(property = "test.clock", value = "fixed", defaultValue = "fixed")
public class TestClockFactory {

    @Singleton
    @Replaces(bean = Clock.class, factory = EngineFactory.class)
    public MutableClock clock() {
        return MutableClock.at("2026-06-01T12:00:00Z");
    }
}
