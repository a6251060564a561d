package dev.boxoffice.server;

import io.micronaut.context.env.Environment;
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
        new Startup().args(args).mainClass(Application.class).start();
    }

    /**
     * Micronaut, except that a start-up problem a person can fix (a bad setting, a data directory in use or not
     * writable, a port in use) ends the process with one line on standard error and exit status 1, not a stack
     * trace. Anything else is a bug and keeps Micronaut's report.
     */
    static final class Startup extends Micronaut {

        @Override
        protected void handleStartupException(Environment environment, Throwable exception) {
            String problem = StartupProblems.describe(environment, exception);
            if (problem == null) {
                super.handleStartupException(environment, exception);
                return;
            }
            System.err.println("boxoffice: " + problem);
            System.exit(1);
        }
    }
}
