package dev.boxoffice.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Throw-away data directories for simulations and benchmarks. */
public final class TempDirectories {

    private TempDirectories() {
    }

    public static Path create() {
        try {
            return Files.createTempDirectory("boxoffice-simulator");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree; a leftover temporary directory is not worth failing a run for. */
    public static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind in the temporary directory
        }
    }
}
