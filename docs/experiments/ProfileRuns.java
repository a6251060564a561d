import dev.boxoffice.simulator.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.profiler.AsyncProfiler;

/**
 * A CPU profile of a bench figure's measured runs, its warm-up left out, and where the engine's part of it went:
 * SQLite's library and the system calls it makes, against everything else (the engine's Java, Jdbi, the JVM).
 * The measurements behind "durable-reserve's limit" in the README's Performance section. Run from the repository's
 * root after a build, with async-profiler 4.2 from Maven Central:
 *
 * <pre>
 * J=demo-simulator/target/boxoffice-simulator.jar
 * curl -sO https://repo1.maven.org/maven2/tools/profiler/async-profiler/4.2/async-profiler-4.2-linux-x64.jar
 * java -cp $J:async-profiler-4.2-linux-x64.jar docs/experiments/ProfileRuns.java /tmp/durable.collapsed \
 *     bench --only durable-reserve
 * </pre>
 *
 * The profile starts when the bench says "run 1/" (after the warm-up), samples every thread's CPU every 2 ms, and
 * is written in collapsed form (one stack per line, thread first) when the bench exits. The engine's part is every
 * sample but the baseline's own loop ({@code bench.Raw*}), the creation of each round's tickets on the buyers'
 * threads, and the JIT compiler's threads.
 */
public class ProfileRuns {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        PrintStream err = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();
            private boolean started;

            @Override
            public void write(int b) {
                err.write(b);
                line.append((char) b);
                if (!started && line.indexOf(": run 1/") >= 0) {
                    started = true;
                    start(profiler);
                }
                if (b == '\n' || b == '\r') {
                    line.setLength(0);
                }
            }
        }, true, StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                profiler.execute("stop,file=" + out + ",collapsed");
                err.println();
                report(out, err);
            } catch (IOException | IllegalStateException e) {
                err.println("no profile: " + e.getMessage());
            }
        }));
        Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private static void start(AsyncProfiler profiler) {
        try {
            profiler.execute("start,event=cpu,interval=2ms,threads");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shares of the engine's samples in {@code profile}. */
    private static void report(Path profile, PrintStream to) throws IOException {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : List.of("SQLite's library and its system calls", "  of which fsync", "  of which writes",
                "  of which reads", "  of which file locks", "the rest (engine's Java, Jdbi, the JVM, other kernel)")) {
            parts.put(part, 0L);
        }
        long engine = 0;
        for (String line : Files.readAllLines(profile)) {
            int space = line.lastIndexOf(' ');
            long samples = Long.parseLong(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            String stack = line.substring(0, space);
            if (stack.contains("simulator/bench/Raw") || stack.contains("Benchmarks.createTickets")
                    || frames[0].contains("CompilerThre")) {
                continue;
            }
            engine += samples;
            int deepestSqlite = -1;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].contains("libsqlitejdbc")) {
                    deepestSqlite = i;
                }
            }
            if (deepestSqlite < 0) {
                parts.merge("the rest (engine's Java, Jdbi, the JVM, other kernel)", samples, Long::sum);
                continue;
            }
            parts.merge("SQLite's library and its system calls", samples, Long::sum);
            String below = String.join(";", List.of(frames).subList(deepestSqlite + 1, frames.length));
            String call = below.contains("fsync") ? "  of which fsync"
                    : below.contains("pwrite") ? "  of which writes"
                    : below.contains("pread") ? "  of which reads"
                    : below.contains("fcntl") ? "  of which file locks" : null;
            if (call != null) {
                parts.merge(call, samples, Long::sum);
            }
        }
        to.printf("the engine's samples (every 2 ms of CPU): %,d%n", engine);
        for (Map.Entry<String, Long> part : parts.entrySet()) {
            to.printf("%5.1f %%  %s%n", 100.0 * part.getValue() / Math.max(engine, 1), part.getKey());
        }
    }
}
