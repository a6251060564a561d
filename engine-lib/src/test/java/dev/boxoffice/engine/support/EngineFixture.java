package dev.boxoffice.engine.support;

import dev.boxoffice.engine.BoxOffice;
import dev.boxoffice.engine.BoxOfficeBuilder;
import dev.boxoffice.engine.Money;
import java.nio.file.Path;
import java.time.Duration;

/** Shorthands shared by engine tests. */
public final class EngineFixture {

    public static final Duration QUIET = Duration.ofSeconds(20);

    private EngineFixture() {
    }

    public static BoxOfficeBuilder engine(Stores stores, Path dir, MutableClock clock) {
        return stores.on(BoxOffice.builder(), dir).clock(clock).orderReplicas(3);
    }

    public static Money usd(String amount) {
        return Money.of(amount, "USD");
    }
}
