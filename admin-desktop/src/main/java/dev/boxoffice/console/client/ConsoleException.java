package dev.boxoffice.console.client;

/**
 * A failed call, with a message for people: the server's own error message, or what went wrong on the way.
 * {@code field} names the offending input when the server said which.
 */
public class ConsoleException extends RuntimeException {

    private final int status;
    private final String field;

    public ConsoleException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int status() {
        return status;
    }

    /** The offending input field, or null. */
    public String field() {
        return field;
    }
}
