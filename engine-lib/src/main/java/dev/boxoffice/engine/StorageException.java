package dev.boxoffice.engine;

/** The engine's storage could not be opened or written; the operation did not take effect. */
public class StorageException extends BoxOfficeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
