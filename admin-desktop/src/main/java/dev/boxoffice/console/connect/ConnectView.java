package dev.boxoffice.console.connect;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The sign-in form. */
public class ConnectView extends VBox {

    public ConnectView(ConnectViewModel model) {
        setPadding(new Insets(24));
        setSpacing(12);
        Label heading = new Label("Boxoffice operator console");
        heading.getStyleClass().add("heading");
        TextField url = new TextField();
        url.setId("serverUrl");
        url.textProperty().bindBidirectional(model.serverUrlProperty());
        TextField email = new TextField();
        email.setId("email");
        email.setPromptText(ConnectViewModel.DEFAULT_EMAIL);
        email.textProperty().bindBidirectional(model.emailProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.setOnAction(e -> model.connect());
        Button connect = new Button("Sign in");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.busyProperty());
        connect.setOnAction(e -> model.connect());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busyProperty());
        Label doing = new Label();
        doing.setId("connectProgress");
        doing.setWrapText(true);
        doing.textProperty().bind(model.progressProperty());
        Label error = new Label();
        error.setId("connectError");
        error.setWrapText(true);
        dev.boxoffice.console.app.Styles.error(error);
        error.textProperty().bind(model.errorProperty());

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Server"), url);
        form.addRow(1, new Label("Email"), email);
        form.addRow(2, new Label("Password"), password);
        GridPane.setFillWidth(url, true);
        url.setPrefColumnCount(28);
        getChildren().addAll(heading, form, new javafx.scene.layout.HBox(8, connect, progress, doing), error);
    }
}
