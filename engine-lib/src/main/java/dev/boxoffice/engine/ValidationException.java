package dev.boxoffice.engine;

/**
 * Input that breaks a field rule, such as an empty title or a price with three decimals. Nothing was changed.
 */
public class ValidationException extends BoxOfficeException {

    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the offending input field, e.g. {@code "price"}. */
    public String field() {
        return field;
    }
}
