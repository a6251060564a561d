package dev.boxoffice.engine.internal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxoffice.engine.StorageException;
import dev.boxoffice.engine.order.TicketAlreadyReservedException;
import dev.boxoffice.engine.store.Storage;
import dev.boxoffice.engine.store.Store;
import dev.boxoffice.engine.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on a real store, run unchanged on each dialect: commands that queue while a group commits share the
 * next transaction, a savepoint each; a refused one rolls back alone (a group of one, its whole transaction); a failed
 * group commits nothing.
 */
abstract class GroupCommitContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A storage with nothing in it yet. */
    abstract Storage emptyStorage();

    private Store store;
    private Jdbi jdbi;
    private GroupCommit commits;
    private ExecutorService callers;

    @BeforeEach
    void open() {
        store = emptyStorage().open("group", 4, "seats");
        jdbi = Jdbi.create(store.dataSource());
        commits = new GroupCommit("seats", body -> jdbi.useTransaction(body::accept));
        callers = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(20, TimeUnit.SECONDS);
        store.close();
    }

    @Test
    void commandsQueuedWhileAGroupCommitsShareTheNextTransaction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdTheWriter(release);
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "follower-" + i;
            followers.add(submit(h -> insert(h, id)));
        }
        Await.until("seven commands queued", WAIT, () -> commits.queued() == 7);
        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> f : followers) {
            assertThat(f.get(20, TimeUnit.SECONDS)).startsWith("follower-");
        }
        assertThat(seats()).hasSize(8);
        assertThat(commits.groupsCommitted()).as("one group for the first, one for the seven").isEqualTo(2);
        assertThat(commits.commandsCommitted()).isEqualTo(8);
    }

    @Test
    void aRefusedCommandRollsBackAloneAndItsCallerIsTold() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdTheWriter(release);
        Future<String> before = submit(h -> insert(h, "before"));
        Await.until("one queued", WAIT, () -> commits.queued() == 1);
        Future<String> refused = submit(h -> {
            insert(h, "refused");
            throw new TicketAlreadyReservedException("t-1");
        });
        Await.until("two queued", WAIT, () -> commits.queued() == 2);
        Future<String> after = submit(h -> insert(h, "after"));
        Await.until("three queued", WAIT, () -> commits.queued() == 3);
        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(before.get(20, TimeUnit.SECONDS)).isEqualTo("before");
        assertThat(after.get(20, TimeUnit.SECONDS)).isEqualTo("after");
        assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TicketAlreadyReservedException.class);
        assertThat(seats()).containsExactlyInAnyOrder("first", "before", "after");
        assertThat(commits.groupsCommitted()).isEqualTo(2);
        assertThat(commits.commandsCommitted()).as("the refused one not counted").isEqualTo(3);
    }

    @Test
    void aCommandAloneInItsGroupThatThrowsLeavesNothingAndItsCallerIsTold() {
        assertThatThrownBy(() -> commits.run(h -> {
            insert(h, "refused");
            throw new TicketAlreadyReservedException("t-1");
        })).as("a refusal unchanged").isInstanceOf(TicketAlreadyReservedException.class);
        assertThatThrownBy(() -> commits.run(h -> {
            insert(h, "twice");
            return insert(h, "twice");
        })).as("a store error as the engine's").isInstanceOf(StorageException.class);

        String later = commits.run(h -> insert(h, "later"));
        assertThat(later).isEqualTo("later");
        assertThat(seats()).as("nothing of the two that threw").containsExactly("later");
        assertThat(commits.groupsCommitted()).isEqualTo(1);
        assertThat(commits.commandsCommitted()).isEqualTo(1);
    }

    @Test
    void whenTheGroupsTransactionFailsNothingOfItIsCommittedAndEveryCallerIsTold() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = holdTheWriter(release);
        Future<String> innocent = submit(h -> insert(h, "innocent"));
        Await.until("one queued", WAIT, () -> commits.queued() == 1);
        // Ends the transaction under the group's feet: releasing its savepoint then fails, and so does the group.
        Future<String> breaker = submit(h -> {
            h.execute("ROLLBACK");
            return "breaker";
        });
        Await.until("two queued", WAIT, () -> commits.queued() == 2);
        release.countDown();

        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("first");
        for (Future<String> lost : List.of(innocent, breaker)) {
            assertThatThrownBy(() -> lost.get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(StorageException.class);
        }
        assertThat(seats()).containsExactly("first");
        String later = commits.run(h -> insert(h, "later"));
        assertThat(later).as("the next group commits as usual").isEqualTo("later");
        assertThat(seats()).containsExactlyInAnyOrder("first", "later");
        assertThat(commits.commandsCommitted()).as("none of the failed group").isEqualTo(2);
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnAnswerAndEveryAnsweredCommandIsStored() throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = "seat-" + i;
            answers.add(submit(h -> insert(h, id)));
        }
        List<String> answered = new ArrayList<>();
        for (Future<String> f : answers) {
            answered.add(f.get(20, TimeUnit.SECONDS));
        }
        assertThat(seats()).containsExactlyInAnyOrderElementsOf(answered).hasSize(400);
        assertThat(commits.groupsCommitted()).isBetween(1L, 400L);
        assertThat(commits.commandsCommitted()).isEqualTo(400);
    }

    private Future<String> submit(HandleCallback<String, RuntimeException> command) {
        return callers.submit(() -> commits.run(command));
    }

    /** Submits a command that inserts "first" and holds the writer (inside its transaction) until released. */
    private Future<String> holdTheWriter(CountDownLatch release) throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> first = submit(h -> {
            insert(h, "first");
            entered.countDown();
            await(release);
            return "first";
        });
        assertThat(entered.await(20, TimeUnit.SECONDS)).as("the first command runs").isTrue();
        return first;
    }

    private static String insert(Handle h, String id) {
        h.createUpdate("INSERT INTO seats (id) VALUES (:id)").bind("id", id).execute();
        return id;
    }

    private List<String> seats() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM seats").mapTo(String.class).list());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the command");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
