package dev.boxoffice.console.app;

import dev.boxoffice.console.client.ConsoleException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs blocking work off the UI thread and hands the outcome back on it. In the app the UI executor is
 * {@code Platform::runLater}; in view-model tests both executors run inline, so a call completes before it
 * returns. Every failure reaches {@code onFailure} as a readable {@link ConsoleException}.
 */
public final class Tasks {

    private final Executor background;
    private final Executor ui;

    public Tasks(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** Both executors inline: for tests. */
    public static Tasks inline() {
        return new Tasks(Runnable::run, Runnable::run);
    }

    public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<ConsoleException> onFailure) {
        background.execute(() -> {
            try {
                T result = work.get();
                ui.execute(() -> onSuccess.accept(result));
            } catch (ConsoleException e) {
                ui.execute(() -> onFailure.accept(e));
            } catch (RuntimeException e) {
                ConsoleException readable = new ConsoleException(0, "Unexpected problem: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null);
                ui.execute(() -> onFailure.accept(readable));
            }
        });
    }

    /** Runs on the UI thread. */
    public void ui(Runnable action) {
        ui.execute(action);
    }
}
