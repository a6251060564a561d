package dev.boxoffice.console.app;

/**
 * The status bar's words for the whole console, from the live event stream's state (the console's one standing
 * connection): connected, connecting, or disconnected (and reconnecting), to which server, as whom.
 */
public final class StatusBar {

    private StatusBar() {
    }

    /**
     * @param stream the event stream's status as {@link dev.boxoffice.console.events.EventsViewModel} reports it
     *               ("live", "connecting to ...", "disconnected; reconnecting ...", "stopped", "not connected")
     */
    public static String text(String stream, String url, String email, int eventsPerSecond) {
        if (stream.equals("live")) {
            return "Connected to " + url + " as " + email + "  ·  " + eventsPerSecond + " events/s";
        }
        if (stream.startsWith("connecting")) {
            return "Connecting to " + url + "…";
        }
        if (stream.startsWith("disconnected")) {
            return "Disconnected from " + url + ": the server does not answer; reconnecting…  (the views show what "
                    + "they last had)";
        }
        return "Disconnected from " + url;
    }
}
