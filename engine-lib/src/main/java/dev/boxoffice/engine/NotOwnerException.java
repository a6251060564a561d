package dev.boxoffice.engine;

/** A user tried to change or read something that belongs to another user. Nothing was changed. */
public class NotOwnerException extends BoxOfficeException {

    private final String entity;
    private final String id;
    private final String userId;

    public NotOwnerException(String entity, String id, String userId) {
        super("Not authorized: this " + entity + " belongs to another user");
        this.entity = entity;
        this.id = id;
        this.userId = userId;
    }

    public String entity() {
        return entity;
    }

    public String id() {
        return id;
    }

    /** The user who was refused. */
    public String userId() {
        return userId;
    }
}
