package dev.boxoffice.engine.ticket;

import dev.boxoffice.engine.Money;
import dev.boxoffice.engine.ValidationException;

/**
 * A ticket for sale, as the tickets service (its owner) holds it.
 *
 * @param id      UUID of the ticket
 * @param title   1 to 200 characters, stored exactly as given after trimming
 * @param price   the asking price
 * @param userId  the seller, who alone may edit it
 * @param version 0 when created, +1 on every edit, reservation and release
 * @param orderId the order that reserves it, or null when it is free
 */
public record Ticket(String id, String title, Money price, String userId, long version, String orderId) {

    /** The longest title, in characters (code points) after trimming. */
    public static final int MAX_TITLE_LENGTH = 200;

    /**
     * The rule for titles, for the tickets service and for front ends that check a form before sending it.
     *
     * @return the title trimmed, as it will be stored
     * @throws ValidationException on field {@code title} if the trimmed title is empty, longer than
     *                             {@value #MAX_TITLE_LENGTH} characters, or not text (a NUL or a lone surrogate)
     */
    public static String validTitle(String title) {
        String trimmed = title == null ? "" : title.strip();
        if (trimmed.isEmpty()) {
            throw new ValidationException("title", "Title is required");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_TITLE_LENGTH) {
            throw new ValidationException("title", "Title must be at most " + MAX_TITLE_LENGTH + " characters");
        }
        if (!isText(trimmed)) {
            throw new ValidationException("title", "Title must be Unicode text (no NUL, no lone surrogates)");
        }
        return trimmed;
    }

    /** Whether every code point is a real character: no unpaired surrogate, no NUL. */
    private static boolean isText(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp == 0 || Character.isSurrogate((char) cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Whether an order currently holds this ticket; a reserved ticket cannot be edited. */
    public boolean reserved() {
        return orderId != null;
    }
}
