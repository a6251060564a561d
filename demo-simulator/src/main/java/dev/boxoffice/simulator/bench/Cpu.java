package dev.boxoffice.simulator.bench;

import java.lang.management.ManagementFactory;

/** The CPU time this process has used, all threads together: what a figure costs, next to how fast it ran. */
final class Cpu {

    private Cpu() {
    }

    /** Nanoseconds of CPU (user and system) used by this JVM so far. */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
