package dev.boxoffice.engine.crash;

import dev.boxoffice.engine.BoxOffice;
import java.io.IOException;
import java.nio.file.Path;

/** A child JVM that opens an engine on a directory, says so, and holds it until it is killed. */
public final class DirectoryHolder {

    static final String READY = "holding";

    private DirectoryHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (BoxOffice engine = BoxOffice.builder().dataDirectory(Path.of(args[0])).build()) {
            System.out.println(READY + " " + ProcessHandle.current().pid());
            System.out.flush();
            System.in.read(); // until killed (or the test closes our input)
        }
    }
}
