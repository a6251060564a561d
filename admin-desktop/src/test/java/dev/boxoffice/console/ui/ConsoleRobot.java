package dev.boxoffice.console.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the console's UI tests do as an operator would: type, click tabs, and wait for the scene with a deadline. */
final class ConsoleRobot {

    private static final long DEADLINE_SECONDS = 20;

    private ConsoleRobot() {
    }

    /**
     * Waits for a condition on the scene, evaluated on the FX thread: read from the test thread, a node can be seen
     * in its parent before its scene is set, and a table's items while they are being replaced.
     */
    static void waitForUi(String what, Callable<Boolean> condition) throws Exception {
        waitFor(what, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    /** Waits for a condition off the scene (e.g. an HTTP probe), on the test thread. */
    static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + DEADLINE_SECONDS + " s waiting for: " + what, e);
        }
    }

    /** Replaces a text field's content by typing, as a person would. */
    static void type(FxRobot robot, String id, String text) {
        TextField field = robot.lookup("#" + id).queryAs(TextField.class);
        robot.interact(() -> field.setText(""));
        robot.clickOn(field).write(text);
    }

    /** Fills in the sign-in form and presses Connect. */
    static void signIn(FxRobot robot, String url, String email, String password) {
        type(robot, "serverUrl", url);
        type(robot, "email", email);
        type(robot, "password", password);
        robot.clickOn("#connect");
    }

    /** Clicks a tab's header. */
    static void openTab(FxRobot robot, String name) {
        Node header = robot.lookup(".tab-header-area .tab-label")
                .match((Labeled l) -> name.equals(l.getText())).query();
        robot.clickOn(header);
    }

    /** The text of a label, button or link, read on the FX thread. */
    static String text(FxRobot robot, String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#" + id).queryAs(Labeled.class).getText()).get();
    }

    /**
     * Checks, on the FX thread, that every column of the table (a TableView or TreeTableView, shown) has a header
     * and is wide enough for it: its text in the header's bold font, plus the header's padding.
     */
    static void assertColumnsFitHeaders(FxRobot robot, String tableId) throws Exception {
        java.util.Map<String, Double> widths = WaitForAsyncUtils.asyncFx(() -> {
            Node table = robot.lookup("#" + tableId).query();
            java.util.List<? extends javafx.scene.control.TableColumnBase<?, ?>> columns =
                    table instanceof javafx.scene.control.TableView<?> t ? t.getColumns()
                            : ((javafx.scene.control.TreeTableView<?>) table).getColumns();
            java.util.Map<String, Double> found = new java.util.LinkedHashMap<>();
            columns.forEach(c -> found.put(c.getText(), c.getWidth()));
            return found;
        }).get();
        org.assertj.core.api.Assertions.assertThat(widths).as("the columns of %s", tableId).isNotEmpty();
        widths.forEach((header, width) -> {
            org.assertj.core.api.Assertions.assertThat(header).as("every column of %s has a header", tableId)
                    .isNotBlank();
            org.assertj.core.api.Assertions.assertThat(width).as("the %s column of %s fits its header", header,
                    tableId).isGreaterThan(headerWidth(header));
        });
    }

    /** The room a column header needs: its text in the header's bold font, and the header's padding. */
    private static double headerWidth(String text) {
        javafx.scene.text.Text header = new javafx.scene.text.Text(text);
        header.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize()));
        return header.getLayoutBounds().getWidth() + 12;
    }

    /** Checks, on the FX thread, that each labeled control shows its whole text (not cut to "..."). */
    static void assertShownWhole(FxRobot robot, String... ids) throws Exception {
        for (String id : ids) {
            waitForUi("#" + id + " shown whole", () -> shownWhole(robot.lookup("#" + id).queryAs(Labeled.class)));
        }
    }

    /**
     * Whether a labeled control renders its whole text, not cut to "...": its skin's text node says what it says
     * (once the skin has caught up with a change). Call on the FX thread.
     */
    static boolean shownWhole(Labeled labeled) {
        javafx.scene.text.Text shown = (javafx.scene.text.Text) labeled.lookup(".text");
        return shown != null && shown.getText().equals(labeled.getText());
    }

    /**
     * The first row of a table that matches, read on the FX thread: a live view replaces its rows while the test
     * reads them, and a read from the test thread can catch the list half replaced.
     */
    static <T> T row(javafx.scene.control.TableView<T> table, java.util.function.Predicate<T> matching)
            throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> table.getItems().stream().filter(matching).findFirst()
                .orElseThrow(() -> new AssertionError("No such row in #" + table.getId()))).get();
    }
}
