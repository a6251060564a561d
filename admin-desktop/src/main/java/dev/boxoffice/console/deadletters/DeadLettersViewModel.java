package dev.boxoffice.console.deadletters;

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

/** Dead letters: reason and delivery count; retry one or all, with what each retry did. */
public class DeadLettersViewModel {

    private final Tasks tasks;
    private final ConsoleClient client;
    private final ObservableList<DeadLetter> letters = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public DeadLettersViewModel(Tasks tasks, ConsoleClient client) {
        this.tasks = tasks;
        this.client = client;
    }

    public void refresh() {
        tasks.run(client::deadLetters, letters::setAll, failure -> message.set(failure.getMessage()));
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

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
