package dev.boxoffice.console.deadletters;

import dev.boxoffice.console.app.Tables;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.DeadLetter;
import dev.boxoffice.console.client.Rows.RetryOutcome;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Dead letters: reason and delivery count; retry one or all, with what each retry did. The list holds one page of
 * the server's (the oldest 1,000), and its caption says how many there are in all; "retry all" retries those listed.
 */
public class DeadLettersViewModel {

    /** The most dead letters the list holds: the server's largest page. */
    public static final int SHOWN = 1000;

    private record Loaded(List<DeadLetter> oldest, long total) {
    }

    private final Tasks tasks;
    private final ConsoleClient client;
    private final int shown;
    private final ObservableList<DeadLetter> letters = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public DeadLettersViewModel(Tasks tasks, ConsoleClient client) {
        this(tasks, client, SHOWN);
    }

    /** With a list of at most {@code shown} dead letters. */
    public DeadLettersViewModel(Tasks tasks, ConsoleClient client, int shown) {
        this.tasks = tasks;
        this.client = client;
        this.shown = shown;
    }

    public void refresh() {
        tasks.run(() -> new Loaded(client.deadLetters(shown), client.stats().deadLetters()), loaded -> {
            letters.setAll(loaded.oldest());
            caption.set(caption(loaded.oldest().size(), loaded.total()));
        }, failure -> message.set(failure.getMessage()));
    }

    /** What the list holds of the dead letters ({@link Tables#listed}). */
    String caption(int listed, long total) {
        return Tables.listed(listed, shown, total, "oldest", "dead letter", "dead letters");
    }

    public void retry(DeadLetter letter) {
        retryAll(List.of(letter));
    }

    public void retryAll() {
        retryAll(List.copyOf(letters));
    }

    private void retryAll(List<DeadLetter> which) {
        tasks.run(() -> {
            List<RetryOutcome> outcomes = new ArrayList<>();
            for (DeadLetter letter : which) {
                outcomes.add(client.retry(letter.id()));
            }
            return outcomes;
        }, outcomes -> {
            long resolved = outcomes.stream().filter(RetryOutcome::resolved).count();
            message.set(outcomes.isEmpty() ? "Nothing to retry" : "Retried " + outcomes.size() + ": " + resolved
                    + " resolved" + (resolved < outcomes.size() ? ", " + (outcomes.size() - resolved)
                    + " still failing (" + outcomes.stream().filter(o -> !o.resolved()).findFirst().orElseThrow()
                    .detail() + ")" : ""));
            refresh();
        }, failure -> message.set(failure.getMessage()));
    }

    public ObservableList<DeadLetter> letters() {
        return letters;
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
