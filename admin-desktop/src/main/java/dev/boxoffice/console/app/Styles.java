package dev.boxoffice.console.app;

import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import java.util.function.Predicate;

/** The console's look, kept in one stylesheet ({@code console.css}): nodes take its classes, never inline styles. */
public final class Styles {

    /** The stylesheet every scene and dialog of the console adds. */
    public static final String SHEET = Styles.class.getResource("console.css").toExternalForm();

    private Styles() {
    }

    /** A label for error messages, in the error style. */
    public static Label error(Label label) {
        label.getStyleClass().add("error");
        return label;
    }

    /**
     * Puts the node in a state of the stylesheet (e.g. {@code :disconnected}) while the value meets the condition.
     * Listens to the value itself: a binding made for the purpose would be only weakly held, and could be collected.
     */
    public static <T> void state(Node node, String state, ObservableValue<T> value, Predicate<T> when) {
        PseudoClass pseudoClass = PseudoClass.getPseudoClass(state);
        node.pseudoClassStateChanged(pseudoClass, when.test(value.getValue()));
        value.addListener((o, was, now) -> node.pseudoClassStateChanged(pseudoClass, when.test(now)));
    }
}
