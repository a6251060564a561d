package dev.boxoffice.engine.internal;

import dev.boxoffice.engine.ValidationException;

/**
 * The one way the engine refuses a bad argument to a public method: a {@link ValidationException} whose field
 * is the argument's name, never a {@code NullPointerException}, a "not found" for a malformed id, or a storage
 * error from a constraint.
 */
public final class Arguments {

    private static final int UUID_LENGTH = 36;
    private static final int MAX_TEXT = 1024;

    private Arguments() {
    }

    /** An id the engine made (ticket, order, payment): present and a UUID. */
    public static String id(String name, String value) {
        if (value == null) {
            throw new ValidationException(name, name + " is required");
        }
        if (!isUuid(value)) {
            throw new ValidationException(name, name + " must be an id such as 3f0d9a8e-1b2c-4d5e-8f90-123456789abc");
        }
        return value;
    }

    /**
     * Whether {@code value} is a UUID as text, {@code 8-4-4-4-12} hexadecimal digits of either case: the regular
     * expression of it, written out, since every command checks its ids (1.3 % of a seller's edit in a CPU
     * profile went to the matcher).
     */
    static boolean isUuid(String value) {
        if (value.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = value.charAt(i);
            boolean fits = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!fits) {
                return false;
            }
        }
        return true;
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
