package dev.boxoffice.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A PostgreSQL server crashed on purpose, for fault tests and chaos runs: SIGKILL to the postmaster of a data
 * directory (its pid is the first line of {@code postmaster.pid}) and to every backend it started, as a power cut
 * would leave them. Started again on the same directory, PostgreSQL recovers from its write-ahead log.
 */
public final class Postmaster {

    private Postmaster() {
    }

    /**
     * Kills the server running on {@code dataDirectory} and waits until each of its processes is gone.
     *
     * @throws IllegalStateException if one still runs after {@code within}
     */
    public static void kill(Path dataDirectory, Duration within) {
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL runs on " + dataDirectory + ": " + e.getMessage(), e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "The postmaster of " + dataDirectory + " (pid " + pid + ") is not running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + within.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL's processes on " + dataDirectory + " still run after "
                        + within.toSeconds() + " s");
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
