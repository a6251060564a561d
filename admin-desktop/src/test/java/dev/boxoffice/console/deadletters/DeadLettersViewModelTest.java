package dev.boxoffice.console.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLettersViewModelTest {

    private final ConsoleClient client = RealServer.operator();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void shouldSayWhenTheListHoldsOnlyTheOldestOfTheDeadLetters() {
        DeadLettersViewModel model = new DeadLettersViewModel(Tasks.inline(), client, 3);

        assertThat(model.caption(0, 0)).isEqualTo("0 dead letters");
        assertThat(model.caption(1, 1)).isEqualTo("1 dead letter");
        assertThat(model.caption(2, 5)).as("a page not full is all of them").isEqualTo("2 dead letters");
        assertThat(model.caption(3, 3)).isEqualTo("3 dead letters");
        assertThat(model.caption(3, 2_048)).isEqualTo("The oldest 3 of 2,048 dead letters");
    }

    @Test
    void shouldListTheServersDeadLetters_withTheirCount() {
        DeadLettersViewModel model = new DeadLettersViewModel(Tasks.inline(), client);
        model.refresh();

        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.captionProperty().get()).isEqualTo(model.letters().size() == 1 ? "1 dead letter"
                : model.letters().size() + " dead letters");
    }
}
