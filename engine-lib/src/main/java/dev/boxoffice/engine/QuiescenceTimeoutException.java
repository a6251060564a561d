package dev.boxoffice.engine;

import java.time.Duration;

/** {@link BoxOffice#awaitQuiescence(Duration)} ran out of time with events still on their way. */
public class QuiescenceTimeoutException extends BoxOfficeException {

    private final String backlog;

    public QuiescenceTimeoutException(Duration timeout, String backlog) {
        super("Events still in flight after " + timeout + ": " + backlog);
        this.backlog = backlog;
    }

    /** A readable summary of what was still pending when the wait gave up. */
    public String backlog() {
        return backlog;
    }
}
