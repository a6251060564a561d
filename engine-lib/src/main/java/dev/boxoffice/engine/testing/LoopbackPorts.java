package dev.boxoffice.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the child processes a test or a simulation starts (a server node, a broker, a database), free
 * when asked for and <em>below the kernel's range of ephemeral ports</em>.
 *
 * <p>A port the kernel hands out as {@code new ServerSocket(0)} comes from that range, which is also where every
 * outgoing connection takes its local port. Between the look and the child's bind, or while a killed child is down
 * and its clients keep reconnecting to its port, an outgoing connection can take the port (one of a cluster node's
 * connections to PostgreSQL took the next node's port in a CI run), and a client reconnecting to a port of that range
 * on this host can even connect to itself. Below the range no outgoing connection is given a port, so only another
 * program picking the same random port at the same moment can take it.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 500;

    private LoopbackPorts() {
    }

    /** A loopback port no program listens on now, below the ephemeral range. */
    public static int free() {
        return freeConsecutive(1);
    }

    /**
     * The first of {@code count} consecutive loopback ports no program listens on now (for nodes that take
     * consecutive ports), below the ephemeral range.
     *
     * @throws IllegalStateException if none are found
     */
    public static int freeConsecutive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        int below = ephemeralFrom();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, below - count);
            if (bindable(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free loopback ports between " + LOWEST + " and "
                + below);
    }

    /** The first ephemeral port: Linux's {@code ip_local_port_range}, or 32768 where it cannot be read. */
    static int ephemeralFrom() {
        try {
            // by lines: Files.readString reads only the first character of it (/proc gives its files a size of 0)
            int low = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                    .trim().split("\\s+")[0]);
            return Math.max(low, LOWEST + 1_000);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    /** Whether each port can be bound now, and nothing answers on it (a bind alone can succeed beside a listener). */
    private static boolean bindable(int first, int count) {
        List<ServerSocket> bound = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                if (listening(port)) {
                    return false;
                }
                bound.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket socket : bound) {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Whether a program listens on this loopback port now (a connection to it is accepted). */
    public static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
