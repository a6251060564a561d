package dev.boxoffice.engine;

/**
 * The root of every exception the engine throws.
 *
 * <p>Unchecked. Each refusal has its own subclass carrying structured fields (ids, versions, the offending
 * field) and a message a person can act on, so an adapter such as an HTTP server can map refusals to
 * responses without parsing messages.
 */
public class BoxOfficeException extends RuntimeException {

    public BoxOfficeException(String message) {
        super(message);
    }

    public BoxOfficeException(String message, Throwable cause) {
        super(message, cause);
    }
}
