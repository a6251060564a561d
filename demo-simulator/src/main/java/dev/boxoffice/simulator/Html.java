package dev.boxoffice.simulator;

/** What the simulator's HTML reports share. */
public final class Html {

    private Html() {
    }

    /** Text made safe inside an element or a quoted attribute. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
