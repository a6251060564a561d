package dev.boxoffice.engine.internal.messaging;

import dev.boxoffice.engine.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.JdbiException;

/**
 * Group commit: commands that callers submit at the same time run in one transaction, one savepoint each, and
 * share its commit (and, at {@code synchronous=FULL}, its one flush to disk). Each caller is answered only after
 * that commit, so an answered command is as durable as one committed alone.
 *
 * <p>Leader and followers, no thread of its own: a caller queues its command and, if no group is committing,
 * leads: it drains everything queued so far into one transaction. Callers arriving meanwhile queue up and park;
 * each is woken when its command is answered, and the first in line is woken to lead the next group. A lone
 * caller pays for no savepoint and no thread hand-off.
 *
 * <p>A command that throws rolls back to its savepoint alone (a group of one, the whole transaction); its caller
 * gets the exception (a refusal unchanged, a store error as a {@link StorageException}) and the others are
 * unaffected. If the transaction itself fails, every command in it fails with a {@link StorageException} and
 * nothing of the group is committed.
 */
final class GroupCommit {

    /** Caps one group so that a burst cannot hold the write lock for long. */
    static final int MAX_GROUP = 256;

    private final String store;
    private final Consumer<Consumer<Handle>> inTransaction;
    private final ConcurrentLinkedQueue<Command<?>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();

    /**
     * @param store         the store's name, for its errors
     * @param inTransaction runs its argument in one write transaction of the store (taking the store's write
     *                      lock, mapping store errors to {@link StorageException}, telling who waits on commits)
     */
    GroupCommit(String store, Consumer<Consumer<Handle>> inTransaction) {
        this.store = store;
        this.inTransaction = inTransaction;
    }

    <T> T run(HandleCallback<T, RuntimeException> callback) {
        Command<T> command = new Command<>(callback, Thread.currentThread());
        queued.add(command);
        while (!command.done) {
            if (writer.tryLock()) {
                try {
                    if (!command.done) {
                        commit(drain());
                    }
                } finally {
                    writer.unlock();
                }
                // whoever queued first while this group committed leads the next one
                Command<?> next = queued.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller);
                }
            } else {
                // woken when the command is answered, or when it is first in line to lead
                LockSupport.park(this);
            }
        }
        return command.answer();
    }

    /** Commands waiting for the next group. */
    int queued() {
        return queued.size();
    }

    /** Transactions committed so far. */
    long groupsCommitted() {
        return groups.get();
    }

    /** Commands committed so far (not those refused, nor those of a group whose transaction failed). */
    long commandsCommitted() {
        return committed.get();
    }

    private List<Command<?>> drain() {
        List<Command<?>> group = new ArrayList<>();
        Command<?> next;
        while (group.size() < MAX_GROUP && (next = queued.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void commit(List<Command<?>> group) {
        try {
            inTransaction.accept(h -> {
                if (group.size() == 1) {
                    group.get(0).runAlone(h, store);
                    return;
                }
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).runUnder(h, "command" + i, store);
                }
            });
            groups.incrementAndGet();
            committed.addAndGet(group.stream().filter(Command::succeeded).count());
        } catch (RuntimeException failure) {
            StorageException lost = failure instanceof StorageException s ? s
                    : new StorageException("A group of commands failed: " + failure.getMessage(), failure);
            for (Command<?> command : group) {
                command.failIfApplied(lost);
            }
        } finally {
            for (Command<?> command : group) {
                command.done = true;
                LockSupport.unpark(command.caller);
            }
        }
    }

    private static final class Command<T> {
        private final HandleCallback<T, RuntimeException> callback;
        private final Thread caller;
        private T value;
        private RuntimeException failure;
        /** Set by the leader after value or failure; the caller reads them after seeing it. */
        private volatile boolean done;

        Command(HandleCallback<T, RuntimeException> callback, Thread caller) {
            this.callback = callback;
            this.caller = caller;
        }

        boolean succeeded() {
            return failure == null;
        }

        void runUnder(Handle h, String savepoint, String store) {
            h.savepoint(savepoint);
            try {
                value = callback.withHandle(h);
            } catch (RuntimeException refusal) {
                // Jdbi forgets a savepoint once rolled back to; SQLite drops it with the transaction's commit.
                h.rollbackToSavepoint(savepoint);
                failure = asAnswered(refusal, store);
                return;
            }
            h.releaseSavepoint(savepoint);
        }

        /**
         * A group of one needs no savepoint (two statements of SQLite's, 3.9 % of a seller's edit in a CPU profile):
         * if the command throws, the transaction rolls back with nothing else in it, and the caller gets what the
         * command threw, as under a savepoint.
         */
        void runAlone(Handle h, String store) {
            try {
                value = callback.withHandle(h);
            } catch (RuntimeException refusal) {
                failure = asAnswered(refusal, store);
                throw failure;
            }
        }

        /** What a command threw, as its caller gets it: a refusal unchanged, a store error as the engine's. */
        private static RuntimeException asAnswered(RuntimeException thrown, String store) {
            return thrown instanceof JdbiException storage ? ServiceDatabase.failed(store, storage) : thrown;
        }

        /** The group's transaction failed: a command that had applied is lost with it. */
        void failIfApplied(StorageException lost) {
            if (failure == null) {
                failure = lost;
            }
        }

        T answer() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
