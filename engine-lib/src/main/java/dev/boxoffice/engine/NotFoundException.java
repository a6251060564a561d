package dev.boxoffice.engine;

/** The entity named by an id does not exist (or is not yet known to the service asked). Nothing was changed. */
public class NotFoundException extends BoxOfficeException {

    private final String entity;
    private final String id;

    public NotFoundException(String entity, String id, String message) {
        super(message);
        this.entity = entity;
        this.id = id;
    }

    /** What kind of thing was looked up, e.g. {@code "ticket"}. */
    public String entity() {
        return entity;
    }

    /** The id that was looked up. */
    public String id() {
        return id;
    }
}
