package dev.boxoffice.simulator.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time this process has used, all threads together: what a figure costs, next to how fast it ran. */
final class Cpu {

    /** Linux's clock ticks per second for {@code /proc} times (USER_HZ, 100 on every common kernel). */
    private static final double TICKS_PER_SECOND = 100;

    private Cpu() {
    }

    /** Nanoseconds of CPU (user and system) used by this JVM so far. */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Nanoseconds this process has spent in the kernel on its own behalf (system time), from {@code /proc/self/stat}
     * at a 10 ms resolution; -1 where there is no such file.
     */
    static long systemNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (long) (Long.parseLong(fields[12]) / TICKS_PER_SECOND * 1e9); // stime, field 15 of the file
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    /**
     * The kernel's share of {@code cpuNanos}, from two {@link #systemNanos} readings; NaN (printed as such, never a
     * false 0 %) where the system time cannot be read.
     */
    static double share(long systemBefore, long systemAfter, long cpuNanos) {
        return systemBefore < 0 || systemAfter < 0 ? Double.NaN : (double) (systemAfter - systemBefore) / cpuNanos;
    }

    /**
     * Nanoseconds the JIT compiler's threads have spent compiling so far (at the JVM's millisecond resolution), or
     * 0 where the JVM does not say.
     */
    static long compilerNanos() {
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() * 1_000_000 : 0;
    }
}
