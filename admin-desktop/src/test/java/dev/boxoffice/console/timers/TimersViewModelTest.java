package dev.boxoffice.console.timers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.Buyers;
import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Timer;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimersViewModelTest {

    private final ConsoleClient client = RealServer.operator();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void shouldListTheSoonestTimers_andSayHowManyArePendingInAll() throws Exception {
        String first = order("First");
        order("Second");

        TimersViewModel page = new TimersViewModel(Tasks.inline(), client, 1);
        page.refresh();
        long pending = client.stats().pendingTimers();

        assertThat(page.errorProperty().get()).isEmpty();
        assertThat(page.timers()).hasSize(1);
        assertThat(page.captionProperty().get()).isEqualTo("The soonest 1 of " + pending + " pending timers");

        TimersViewModel all = new TimersViewModel(Tasks.inline(), client);
        all.refresh();
        assertThat(all.timers()).hasSize((int) pending).extracting(Timer::orderId).contains(first)
                .startsWith(page.timers().get(0).orderId());
        assertThat(all.captionProperty().get()).isEqualTo(pending + " pending timers");
    }

    @Test
    void shouldCaptionAListShorterThanAPageAsEveryTimer_whateverTheCountSaysAMomentLater() {
        TimersViewModel model = new TimersViewModel(Tasks.inline(), client, 3);

        assertThat(model.caption(2, 5)).isEqualTo("2 pending timers");
        assertThat(model.caption(1, 0)).isEqualTo("1 pending timer");
        assertThat(model.caption(3, 3)).isEqualTo("3 pending timers");
        assertThat(model.caption(3, 1_204)).isEqualTo("The soonest 3 of 1,204 pending timers");
    }

    private String order(String title) throws Exception {
        String ticket = client.createTicket(title, BigDecimal.TEN).id();
        return Buyers.order(RealServer.url(), "buyer-" + UUID.randomUUID() + "@example.com", ticket);
    }
}
