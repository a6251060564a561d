package dev.boxoffice.server;

import dev.boxoffice.engine.support.MutableClock;
import dev.boxoffice.server.config.EngineFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** In tests the business clock stands still until a test moves it, so expiry needs no waiting. */
@Factory
public class TestClockFactory {

    @Singleton
    @Replaces(bean = Clock.class, factory = EngineFactory.class)
    public MutableClock clock() {
        return MutableClock.at("2026-06-01T12:00:00Z");
    }
}
