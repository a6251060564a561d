package dev.boxoffice.console.app;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** Read-only text columns, the only kind the console's tables need. */
public final class Tables {

    private Tables() {
    }

    /**
     * What a table holding one page of the server's says it holds: "3 pending timers" when that is all of them, or
     * "The soonest 1,000 of 1,204 pending timers". The total is read a moment after the page, so a page that is not
     * full is taken as all of them, whatever the total says by then.
     *
     * @param which how the page is chosen ("soonest", "oldest")
     */
    public static String listed(int listed, int page, long total, String which, String one, String many) {
        if (listed < page || total <= listed) {
            return listed == 1 ? "1 " + one : String.format(java.util.Locale.ROOT, "%,d %s", listed, many);
        }
        return String.format(java.util.Locale.ROOT, "The %s %,d of %,d %s", which, listed, total, many);
    }

    /** The line under a table that says what it holds ({@link #listed}), bound to its view model's text. */
    public static javafx.scene.control.Label caption(String id, javafx.beans.value.ObservableValue<String> text) {
        javafx.scene.control.Label caption = new javafx.scene.control.Label();
        caption.setId(id);
        caption.setPadding(new javafx.geometry.Insets(6, 0, 0, 0));
        caption.textProperty().bind(text);
        return caption;
    }

    /** A price as people read it: two decimals. */
    public static String money(java.math.BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    public static <T> TableColumn<T, String> column(String name, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** A column of a fixed width, so that a flexible last one (e.g. a reason) gets the room left. */
    public static <T> TableColumn<T, String> column(String name, double width, Function<T, String> value) {
        TableColumn<T, String> column = column(name, value);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
        return column;
    }

    /** Rows that show their item's ids on hover, where the table shows names. */
    public static <T> void idsOnHover(TableView<T> table, Function<T, String> ids) {
        idsOnHover(table, ids, null, item -> false);
    }

    /**
     * Rows that show their item's ids on hover and are in a state of the stylesheet (e.g. {@code :overdue}) while
     * their item is; no state when {@code state} is null.
     */
    public static <T> void idsOnHover(TableView<T> table, Function<T, String> ids, String state,
                                      java.util.function.Predicate<T> inState) {
        javafx.css.PseudoClass pseudoClass = state == null ? null : javafx.css.PseudoClass.getPseudoClass(state);
        table.setRowFactory(t -> new TableRow<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                boolean shown = !empty && item != null;
                setTooltip(shown ? tooltip : null);
                if (shown) {
                    tooltip.setText(ids.apply(item));
                }
                if (pseudoClass != null) {
                    pseudoClassStateChanged(pseudoClass, shown && inState.test(item));
                }
            }
        });
    }
}
