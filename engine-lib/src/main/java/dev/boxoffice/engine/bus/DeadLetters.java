package dev.boxoffice.engine.bus;

import java.util.List;

/** The operator's view of events that consumers gave up on. */
public interface DeadLetters {

    /** Every dead letter of every service, oldest first. */
    List<DeadLetter> list();

    /**
     * A page of the dead letters in {@link #list}'s order: up to {@code limit} of them after the one with id
     * {@code afterId} (null for the first page). The order is total and stays put as dead letters come and go (by
     * when each was set aside, then by service, then by arrival), so a page follows on from the one before whatever
     * happened in between.
     *
     * @throws dev.boxoffice.engine.NotFoundException if there is no dead letter with id {@code afterId} (any more)
     */
    List<DeadLetter> page(String afterId, int limit);

    /** How many dead letters there are, counted in the stores, not read. */
    long count();

    /**
     * Hands the event to its group's handler once more, now. On success (applied, or found to be a duplicate)
     * the dead letter is removed; otherwise it stays, with its delivery count raised and the new reason.
     *
     * @throws dev.boxoffice.engine.NotFoundException if there is no dead letter with this id
     */
    RetryOutcome retry(String deadLetterId);

    /** What a retry did. */
    record RetryOutcome(String deadLetterId, boolean resolved, String detail) {
    }
}
