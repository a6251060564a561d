package dev.boxoffice.engine.internal.messaging;

/** Work a service still has to do on its own (due timers, unsettled charges), for the quiescence check. */
public interface BacklogSource {

    /** A short name for messages, e.g. {@code "expiration timers due"}. */
    String backlogName();

    /** How many items are waiting now. */
    long backlog();
}
