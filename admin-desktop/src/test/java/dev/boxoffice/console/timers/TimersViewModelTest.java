package dev.boxoffice.console.timers;

import static dev.boxoffice.engine.support.EngineFixture.QUIET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.Buyers;
import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.Tasks;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.Rows.Timer;
import dev.boxoffice.engine.support.Await;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        List<String> placed = List.of(order("First"), order("Second"));
        TimersViewModel all = new TimersViewModel(Tasks.inline(), client);
        Await.until("the expiration service to time both orders", QUIET, () -> {
            all.refresh();
            return all.timers().stream().map(Timer::orderId).toList().containsAll(placed);
        });
        assertThat(all.errorProperty().get()).isEmpty();
        assertThat(all.captionProperty().get()).isEqualTo(all.timers().size() + " pending timers");

        // other tests' orders may be pending too: the count is read from the caption, not assumed
        TimersViewModel page = new TimersViewModel(Tasks.inline(), client, 1);
        page.refresh();
        assertThat(page.timers()).hasSize(1);
        Matcher caption = Pattern.compile("The soonest 1 of ([0-9,]+) pending timers")
                .matcher(page.captionProperty().get());
        assertThat(caption.matches()).as(page.captionProperty().get()).isTrue();
        assertThat(Long.parseLong(caption.group(1).replace(",", ""))).isGreaterThanOrEqualTo(placed.size());
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
