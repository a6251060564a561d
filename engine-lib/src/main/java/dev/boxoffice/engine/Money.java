package dev.boxoffice.engine;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units (cents) of a currency; never a floating-point number.
 *
 * <p>Prices are positive, at most {@link #MAX_MAJOR_UNITS} major units, with at most as many decimals as the
 * currency has (two for USD and EUR). Use {@link #of(BigDecimal, Currency)} to turn a decimal amount as typed by
 * a person into a {@code Money}; it refuses anything else with a {@link ValidationException} on field
 * {@code price}.
 *
 * @param minorUnits the amount in minor units, e.g. 1050 for 10.50
 * @param currency   the ISO 4217 currency
 */
public record Money(long minorUnits, Currency currency) {

    /** The largest accepted price in major units. */
    public static final long MAX_MAJOR_UNITS = 1_000_000;

    public Money {
        if (currency == null) {
            throw new ValidationException("currency", "Currency is required");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new ValidationException("price", "Currency " + currency + " has no minor unit");
        }
        long max = MAX_MAJOR_UNITS * pow10(currency.getDefaultFractionDigits());
        if (minorUnits <= 0 || minorUnits > max) {
            throw new ValidationException("price",
                    "Price must be greater than 0 and at most " + MAX_MAJOR_UNITS + ", was " + minorUnits
                            + " minor units");
        }
    }

    /**
     * Parses a decimal amount exactly.
     *
     * @throws ValidationException if the amount is missing, not positive, too large, or has more decimals than
     *                             the currency allows
     */
    public static Money of(BigDecimal amount, Currency currency) {
        if (currency == null) {
            throw new ValidationException("currency", "Currency is required");
        }
        if (amount == null) {
            throw new ValidationException("price", "Price is required");
        }
        int digits = currency.getDefaultFractionDigits();
        if (amount.signum() <= 0) {
            throw new ValidationException("price", "Price must be greater than 0");
        }
        if (amount.compareTo(BigDecimal.valueOf(MAX_MAJOR_UNITS)) > 0) {
            throw new ValidationException("price", "Price must be at most " + MAX_MAJOR_UNITS);
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > digits) {
            throw new ValidationException("price", "Price must have at most " + digits + " decimals");
        }
        return new Money(stripped.movePointRight(digits).longValueExact(), currency);
    }

    /** Parses a decimal amount given as text, e.g. {@code "10.50"}, exactly. */
    public static Money of(String amount, Currency currency) {
        if (amount == null) {
            throw new ValidationException("price", "Price is required");
        }
        try {
            return of(new BigDecimal(amount.trim()), currency);
        } catch (NumberFormatException e) {
            throw new ValidationException("price", "Price must be a number, was '" + amount + "'");
        }
    }

    /** Shorthand for {@link #of(String, Currency)} with a currency code, e.g. {@code Money.of("10.50", "USD")}. */
    public static Money of(String amount, String currencyCode) {
        Currency currency;
        try {
            currency = Currency.getInstance(Objects.requireNonNull(currencyCode, "currencyCode"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException("currency", "Currency must be an ISO 4217 code such as USD or EUR, was "
                    + (currencyCode == null ? "nothing" : "'" + currencyCode + "'"));
        }
        return of(amount, currency);
    }

    /** The amount in major units as an exact decimal, e.g. 10.50. */
    public BigDecimal amount() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency.getCurrencyCode();
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
