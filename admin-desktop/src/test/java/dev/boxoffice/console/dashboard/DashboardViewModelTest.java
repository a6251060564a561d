package dev.boxoffice.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Timer;
import dev.boxoffice.console.deadletters.DeadLettersViewModel;
import dev.boxoffice.console.timers.TimersViewModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {

    private final ConsoleClient client = RealServer.operator();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void shouldCountWhatIsThereAndKeepAMinuteOfTheEventRate() {
        client.createTicket("Counted", BigDecimal.ONE);
        AtomicInteger rate = new AtomicInteger(7);
        DashboardViewModel model = new DashboardViewModel(Tasks.inline(), client, rate::getAndIncrement);

        for (int i = 0; i < DashboardViewModel.HISTORY + 5; i++) {
            model.tick();
        }

        assertThat(model.ticketsProperty().get()).isPositive();
        assertThat(model.replicasProperty().get()).isPositive();
        assertThat(model.orderCountsProperty().get()).containsKeys("created", "complete");
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.rate()).hasSize(DashboardViewModel.HISTORY);
        assertThat(model.rate().get(DashboardViewModel.HISTORY - 1)).isEqualTo(7 + DashboardViewModel.HISTORY + 4);
    }

    @Test
    void shouldSayThereIsNothingToRetry_whenNoEventWasGivenUpOn() {
        DeadLettersViewModel model = new DeadLettersViewModel(Tasks.inline(), client);

        model.refresh();
        model.retryAll();

        assertThat(model.letters()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Nothing to retry");
    }

    @Test
    void shouldTellOverdueTimers() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        assertThat(TimersViewModel.overdue(new Timer("o", now.minusSeconds(1), null, null), now)).isTrue();
        assertThat(TimersViewModel.overdue(new Timer("o", now, null, null), now)).isTrue();
        assertThat(TimersViewModel.overdue(new Timer("o", now.plusSeconds(1), null, null), now)).isFalse();
        TimersViewModel timers = new TimersViewModel(Tasks.inline(), client);
        timers.refresh();
        assertThat(timers.errorProperty().get()).isEmpty();
    }
}
