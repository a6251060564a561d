package dev.boxoffice.server;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Starts the Boxoffice server. */
@OpenAPIDefinition(info = @Info(title = "boxoffice", version = "0.1",
        description = "Ticket booking: the original app's routes, plus an operator API and a live event stream"))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
