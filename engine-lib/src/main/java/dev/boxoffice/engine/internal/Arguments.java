package dev.boxoffice.engine.internal;

import dev.boxoffice.engine.ValidationException;
import java.util.regex.Pattern;

/**
 * The one way the engine refuses a bad argument to a public method: a {@link ValidationException} whose field
 * is the argument's name, never a {@code NullPointerException}, a "not found" for a malformed id, or a storage
 * error from a constraint.
 */
public final class Arguments {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_TEXT = 1024;

    private Arguments() {
    }

    /** An id the engine made (ticket, order, payment): present and a UUID. */
    public static String id(String name, String value) {
        if (value == null) {
            throw new ValidationException(name, name + " is required");
        }
        if (!UUID.matcher(value).matches()) {
            throw new ValidationException(name, name + " must be an id such as 3f0d9a8e-1b2c-4d5e-8f90-123456789abc");
        }
        return value;
    }

    /** An id the engine made, or null for none. */
    public static String optionalId(String name, String value) {
        return value == null ? null : id(name, value);
    }

    /** A caller's name for something (a user id, a key): present, not blank, at most 1024 characters. */
    public static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(name, name + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new ValidationException(name, name + " must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** Text, or null for none. */
    public static String optionalText(String name, String value) {
        return value == null ? null : text(name, value);
    }

    /** Any value that must be there. */
    public static <T> T present(String name, T value) {
        if (value == null) {
            throw new ValidationException(name, name + " is required");
        }
        return value;
    }

    /** A count that must be at least 1. */
    public static int positive(String name, int value) {
        if (value < 1) {
            throw new ValidationException(name, name + " must be at least 1, was " + value);
        }
        return value;
    }
}
