package dev.boxoffice.server.config;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Puts the node id in every log line ({@code %property{node}} in {@code logback.xml}), so that the logs of several
 * nodes can be read side by side. Where the server is embedded with another logging backend (the simulator's), it
 * does nothing.
 */
final class NodeLogs {

    private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

    private NodeLogs() {
    }

    static void name(String nodeId) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory.getClass().getName().equals(LOGBACK)) {
            Logback.name(factory, nodeId);
        }
    }

    /** Loaded only where logback is the backend. */
    private static final class Logback {

        static void name(ILoggerFactory factory, String nodeId) {
            ((ch.qos.logback.classic.LoggerContext) factory).putProperty("node", nodeId);
        }
    }
}
