package dev.boxoffice.engine.nats;

import dev.boxoffice.engine.StorageException;

/** The NATS server could not be reached when connecting; its message names the URL. Nothing was opened. */
public class BrokerUnreachableException extends StorageException {

    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
