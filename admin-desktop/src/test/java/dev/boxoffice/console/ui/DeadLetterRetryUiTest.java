package dev.boxoffice.console.ui;

import static dev.boxoffice.console.ui.ConsoleRobot.assertColumnsFitHeaders;
import static dev.boxoffice.console.ui.ConsoleRobot.signIn;
import static dev.boxoffice.console.ui.ConsoleRobot.text;
import static dev.boxoffice.console.ui.ConsoleRobot.waitFor;
import static dev.boxoffice.console.ui.ConsoleRobot.waitForUi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.boxoffice.console.RealServer;
import dev.boxoffice.console.app.ConsoleWindow;
import dev.boxoffice.console.client.ConsoleClient;
import dev.boxoffice.console.client.ConsoleException;
import dev.boxoffice.console.client.Rows.DeadLetter;
import dev.boxoffice.console.client.Rows.Ticket;
import dev.boxoffice.engine.testing.FaultInjectingTransport;
import dev.boxoffice.server.config.EngineCustomizer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * An operator retries a dead letter, on a real server of the test's own whose transport holds ticket creations
 * back (the engine's fault-injecting transport, as a partitioned network would): an edit reaches the order replicas
 * before the ticket does and is refused out of order until it is set aside. A retry while the partition lasts
 * still fails and says why; once the creation gets through, a retry applies the edit and the dead letter is gone.
 */
@ExtendWith(ApplicationExtension.class)
class DeadLetterRetryUiTest {

    private final AtomicReference<FaultInjectingTransport> network = new AtomicReference<>();
    private final EngineCustomizer partitioned = builder -> builder
            .maxDeliveries(3)
            .ackWait(Duration.ofMillis(300))
            .gapRepairAfter(1_000) // no snapshot to make up for the creation
            .transportDecorator(transport -> {
                network.set(new FaultInjectingTransport(transport, 11)
                        .holding(e -> e.subject().equals("ticket:created")));
                return network.get();
            });
    private final OwnServer own = new OwnServer("console-dead-letters", partitioned);
    private final String url = own.url();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new ConsoleWindow(stage, own.preferences).show();
    }

    @AfterEach
    void close() throws Exception {
        own.close();
    }

    @Test
    void shouldShowWhyAnEventWasSetAsideAndClearItWithARetry(FxRobot robot) throws Exception {
        signIn(robot, url, RealServer.OPERATOR_EMAIL, RealServer.OPERATOR_PASSWORD);
        waitForUi("the dashboard", () -> robot.lookup("#deadLettersTile").tryQuery().isPresent());
        Ticket ticket;
        try (ConsoleClient seller = ConsoleClient.signIn(url, RealServer.OPERATOR_EMAIL,
                RealServer.OPERATOR_PASSWORD)) {
            ticket = seller.createTicket("Partitioned", new BigDecimal("10"));
            seller.updateTicket(ticket.id(), "Partitioned, edited", new BigDecimal("12"));
        }

        waitForUi("the dashboard to count the dead letter", () -> robot.lookup("#deadLettersTile")
                .queryLabeled().getText().equals("1"));
        robot.clickOn("#deadLettersTile");
        TableView<DeadLetter> letters = robot.lookup("#deadLettersTable").queryTableView();
        waitForUi("the dead letter in its view", () -> letters.getItems().size() == 1);
        DeadLetter letter = letters.getItems().get(0);
        assertThat(letter.subject()).isEqualTo("ticket:updated");
        assertThat(letter.aggregateId()).isEqualTo(ticket.id());
        int deliveries = letter.deliveries();
        assertThat(deliveries).as("3, and more until the ack wait passed").isGreaterThanOrEqualTo(3);
        assertThat(letter.reason()).startsWith("Out of order");
        assertThat(text(robot, "deadLettersCaption")).isEqualTo("1 dead letter");
        assertThat(robot.lookup("#retryAll").queryButton().isDisabled()).as("something to retry").isFalse();
        assertColumnsFitHeaders(robot, "deadLettersTable");
        Snapshots.take(robot, stage, "dead-letters");

        robot.interact(() -> letters.getSelectionModel().select(0));
        robot.clickOn("#retryDeadLetter");
        waitForUi("the failed retry's message", () -> !text(robot, "deadLettersMessage").isEmpty());
        assertThat(text(robot, "deadLettersMessage")).startsWith("Retried 1: 0 resolved, 1 still failing (Out of order");
        waitForUi("the letter still listed, delivered once more", () -> letters.getItems().size() == 1
                && letters.getItems().get(0).deliveries() == deliveries + 1);

        // the creation, and the copies the transport delivered again after each ack wait
        assertThat(network.get().releaseHeld()).isPositive();
        try (ConsoleClient probe = ConsoleClient.signIn(url, RealServer.OPERATOR_EMAIL,
                RealServer.OPERATOR_PASSWORD)) {
            waitFor("the ticket to reach the order replicas", () -> {
                try {
                    return probe.ticketReplica(ticket.id()).version() == 0;
                } catch (ConsoleException notYet) {
                    return false;
                }
            });
            robot.interact(() -> letters.getSelectionModel().select(0));
            robot.clickOn("#retryDeadLetter");
            waitForUi("the retried letter gone", () -> letters.getItems().isEmpty());
            assertThat(text(robot, "deadLettersCaption")).isEqualTo("0 dead letters");
            assertThat(text(robot, "deadLettersMessage")).isEqualTo("Retried 1: 1 resolved");
            assertThat(robot.lookup("#retryAll").queryButton().isDisabled()).as("nothing to retry").isTrue();
            assertThat(probe.ticketReplica(ticket.id()).title()).isEqualTo("Partitioned, edited");
            assertThat(probe.ticketReplica(ticket.id()).version()).isEqualTo(1);
        }
    }
}
