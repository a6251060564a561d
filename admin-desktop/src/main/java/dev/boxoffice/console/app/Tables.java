package dev.boxoffice.console.app;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/** Read-only text columns, the only kind the console's tables need. */
public final class Tables {

    private Tables() {
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
}
