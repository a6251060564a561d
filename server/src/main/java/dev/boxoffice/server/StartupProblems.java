package dev.boxoffice.server;

import dev.boxoffice.engine.DataDirectoryInUseException;
import dev.boxoffice.engine.DatabaseUnreachableException;
import dev.boxoffice.engine.NodeIdInUseException;
import dev.boxoffice.engine.nats.BrokerUnreachableException;
import dev.boxoffice.server.config.SettingException;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import java.net.BindException;

/** The start-up failures a person can fix, each as one line; null for anything else (a bug). */
final class StartupProblems {

    private StartupProblems() {
    }

    @Nullable
    static String describe(@Nullable Environment environment, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SettingException || t instanceof DataDirectoryInUseException) {
                return t.getMessage();
            }
            if (t instanceof NodeIdInUseException) {
                return "BOXOFFICE_NODE_ID (boxoffice.node-id): " + t.getMessage();
            }
            if (t instanceof DatabaseUnreachableException) {
                return "BOXOFFICE_DATABASE_URL (boxoffice.database.url): " + t.getMessage();
            }
            if (t instanceof BrokerUnreachableException) {
                return "BOXOFFICE_NATS_URL (boxoffice.nats.url): " + t.getMessage();
            }
            if (t instanceof BindException) {
                String port = port(environment);
                return "port " + port + " is in use by another program: stop it, or set MICRONAUT_SERVER_PORT "
                        + "(micronaut.server.port) to a free port";
            }
        }
        return null;
    }

    /** The configured port: the environment is not always there when the start failed. */
    private static String port(@Nullable Environment environment) {
        if (environment != null) {
            var configured = environment.getProperty("micronaut.server.port", String.class);
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        String property = System.getProperty("micronaut.server.port");
        String variable = System.getenv("MICRONAUT_SERVER_PORT");
        return property != null ? property : variable != null ? variable : "8080";
    }
}
