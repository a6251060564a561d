package dev.boxoffice.console.app;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * Actions on a table's selection that the operator may not always take: enabled only while the reason against them
 * is null, and otherwise the reason in a tooltip. A disabled control shows no tooltip, so the row holding the
 * controls carries it.
 */
public final class Guarded {

    private Guarded() {
    }

    /**
     * @param selected the selection the actions apply to
     * @param whyNot   why the selected item (or none: null) may not be acted on, or null when it may
     * @return the row of controls, with the tooltip
     */
    public static <T> HBox actions(ObservableValue<T> selected, Function<T, String> whyNot, Control... controls) {
        for (Control control : controls) {
            control.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> whyNot.apply(selected.getValue()) != null, selected));
        }
        HBox row = new HBox(8, controls);
        Tooltip reason = new Tooltip();
        Runnable explain = () -> {
            String why = whyNot.apply(selected.getValue());
            if (why == null) {
                Tooltip.uninstall(row, reason);
            } else {
                reason.setText(why);
                Tooltip.install(row, reason);
            }
        };
        selected.addListener((o, was, now) -> explain.run());
        explain.run();
        return row;
    }
}
