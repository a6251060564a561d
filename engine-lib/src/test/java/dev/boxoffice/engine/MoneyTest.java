package dev.boxoffice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.support.SeededTest;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void shouldParseDecimalsExactlyIntoMinorUnits() {
        assertThat(Money.of("10.50", USD).minorUnits()).isEqualTo(1050);
        assertThat(Money.of("0.01", USD).minorUnits()).isEqualTo(1);
        assertThat(Money.of("1000000", USD).minorUnits()).isEqualTo(100_000_000);
        assertThat(Money.of("20.100", USD).minorUnits()).isEqualTo(2010);
    }

    @Test
    void shouldRejectMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.of("10.001", USD))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 2 decimals")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("price");
        assertThatThrownBy(() -> Money.of(new BigDecimal("10.0000000000000001"), USD))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void shouldRejectZeroNegativeHugeAndNonNumbers() {
        assertThatThrownBy(() -> Money.of("0", USD)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.of("-5", USD)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.of("1000000.01", USD)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.of("1e400", USD)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Money.of("NaN", USD)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> Money.of((BigDecimal) null, USD)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Money(0, USD)).isInstanceOf(ValidationException.class);
    }

    @SeededTest(1000)
    void shouldRoundTripEveryValidAmount(long seed) {
        assertRoundTrips(new SplittableRandom(seed).nextLong(1, 100_000_001));
    }

    @Test
    void shouldRoundTripTheSmallestAndLargestAmounts() {
        assertRoundTrips(1);
        assertRoundTrips(100_000_000);
    }

    private static void assertRoundTrips(long cents) {
        Money money = new Money(cents, USD);
        assertThat(Money.of(money.amount(), USD)).isEqualTo(money);
        assertThat(Money.of(money.amount().toPlainString(), USD)).isEqualTo(money);
    }
}
