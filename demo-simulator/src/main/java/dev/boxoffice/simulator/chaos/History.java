package dev.boxoffice.simulator.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run did, as its clients saw it: every request with its outcome, and every kill with its outage.
 * Writes are recorded from any load thread; the checker reads the history once the load has stopped.
 */
public final class History {

    /** The recorded status of a request that got no answer. */
    public static final int NO_ANSWER = 0;
    /** The recorded status of a request whose connection was refused. */
    public static final int REFUSED = -1;

    /** What a request asked for. */
    public enum Kind {
        CREATE_TICKET(true), EDIT_TICKET(true), PLACE_ORDER(true), PAY(true), CANCEL_ORDER(true), READ(false);

        private final boolean write;

        Kind(boolean write) {
            this.write = write;
        }

        public boolean write() {
            return write;
        }
    }

    /** How a request ended, as its client knows it. */
    public enum Outcome {
        /** 2xx: the server said it was done. */
        ACKNOWLEDGED,
        /** 4xx: the server refused it, and changed nothing. */
        REJECTED,
        /** 5xx: the server said it failed; whether anything changed is not known. */
        FAILED,
        /** No answer (connection reset, timeout): whether anything changed is not known. */
        UNKNOWN,
        /** The connection was refused: nothing was sent, nothing changed. */
        UNREACHABLE;

        /** The status as recorded: {@value #NO_ANSWER} without an answer, {@value #REFUSED} when not connected. */
        static Outcome of(int status) {
            if (status >= 200 && status < 300) {
                return ACKNOWLEDGED;
            }
            if (status == REFUSED) {
                return UNREACHABLE;
            }
            return status >= 500 ? FAILED : status > 0 ? REJECTED : UNKNOWN;
        }
    }

    /**
     * One request.
     *
     * @param startMillis when it was sent, in ms since the run started
     * @param endMillis   when its answer (or error) came
     * @param status      the HTTP status, {@link #NO_ANSWER} or {@link #REFUSED}
     * @param fields      what it was about: {@code ticketId}, {@code orderId}, {@code paymentId}, {@code userId},
     *                    {@code title}, {@code price} (as sent or as answered)
     */
    public record Op(Kind kind, String node, long startMillis, long endMillis, int status, Map<String, String> fields) {
        public Outcome outcome() {
            return Outcome.of(status);
        }

        public boolean acknowledged() {
            return outcome() == Outcome.ACKNOWLEDGED;
        }

        public String field(String name) {
            return fields.get(name);
        }
    }

    /**
     * One SIGKILL and the outage it caused.
     *
     * @param kind            {@code node}, {@code nats-server} or {@code postgres}
     * @param target          what was killed, e.g. {@code node-2}
     * @param killedMillis    when, in ms since the run started
     * @param restartedMillis when it was started again
     * @param recoveredMillis when every node answered again and took a write through each node; -1 if it never did
     * @param note            what else happened, e.g. the broker's store wiped and what was republished
     */
    public record Kill(String kind, String target, long killedMillis, long restartedMillis, long recoveredMillis,
                       String note) {
        /** From the restart until every node answered and took a write; -1 if it never came back. */
        public long recoveryMillis() {
            return recoveredMillis < 0 ? -1 : recoveredMillis - restartedMillis;
        }

        /** Whether a request that ran from {@code start} to {@code end} overlapped this outage (1 s of slack after). */
        boolean covers(long start, long end) {
            long until = recoveredMillis < 0 ? Long.MAX_VALUE : recoveredMillis + 1_000;
            return end >= killedMillis && start <= until;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private final List<Kill> kills = new ArrayList<>();

    public synchronized void record(Op op) {
        ops.add(op);
    }

    public synchronized void record(Kill kill) {
        kills.add(kill);
    }

    public synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    public synchronized List<Kill> kills() {
        return List.copyOf(kills);
    }

    /** Whether a request overlapped any outage. */
    public boolean duringOutage(Op op) {
        return kills().stream().anyMatch(k -> k.covers(op.startMillis(), op.endMillis()));
    }
}
