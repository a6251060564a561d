package dev.boxoffice.engine.internal.cluster;

import dev.boxoffice.engine.bus.Ticker;

/**
 * Work that one node does at a time (an outbox relay, the expiry timers, payment settlement), held under a lease
 * of {@link Leases}. The holder checks {@link #held()} before each round of the work: it answers from memory, true
 * until the lease's local deadline, which ends before the lease does in the database (see {@link Leases}).
 */
public final class Duty {

    private final String name;
    private final Ticker ticker;
    /** The lease's token while held, 0 otherwise; another holder has another token. */
    private volatile long token;
    private volatile long heldUntilNanos;
    private volatile Runnable onAcquired = () -> { };
    /** When the loop doing the duty last turned (or the duty was granted): a holder renews only while it turns. */
    private volatile long turnedAt;

    Duty(String name, Ticker ticker) {
        this.name = name;
        this.ticker = ticker;
        this.turnedAt = ticker.read();
    }

    /** A duty held for good, with no lease: for work that has its store to itself (a relay tested alone). */
    public static Duty alwaysHeld(String name) {
        Duty duty = new Duty(name, () -> 0L);
        duty.token = 1;
        duty.heldUntilNanos = Long.MAX_VALUE;
        return duty;
    }

    public String name() {
        return name;
    }

    /** Whether this node holds the duty now. */
    public boolean held() {
        return token != 0 && ticker.read() - heldUntilNanos < 0;
    }

    /**
     * The token of the lease while held (0 otherwise): it changes each time the duty changes hands, so a holder can
     * tell that another held it in between and reload what the other moved on.
     */
    public long token() {
        long t = token;
        return t != 0 && ticker.read() - heldUntilNanos < 0 ? t : 0;
    }

    /** Called (on the leases' thread) each time this node takes the duty: e.g. to wake the loop doing it. */
    public void onAcquired(Runnable listener) {
        this.onAcquired = listener;
    }

    /**
     * Tells the leases that the loop doing this duty is turning: called by the loop at each round, whether or not it
     * holds the duty. A holder whose loop stands still (a call that hangs) stops renewing, so that another node takes
     * the duty over rather than the work stopping everywhere.
     */
    public void turned() {
        turnedAt = ticker.read();
    }

    /** Whether the loop doing the duty has not turned for {@code nanos}: this node neither renews nor takes it. */
    boolean stalled(long nanos) {
        return ticker.read() - turnedAt > nanos;
    }

    void granted(long grantedToken, long untilNanos) {
        boolean newlyHeld = !held() || token != grantedToken;
        this.heldUntilNanos = untilNanos;
        this.token = grantedToken;
        if (newlyHeld) {
            onAcquired.run();
        }
    }

    void lost() {
        token = 0;
    }
}
