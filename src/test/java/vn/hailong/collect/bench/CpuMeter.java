package vn.hailong.collect.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent per operation by this JVM (server and load generator) and by the embedded PostgreSQL (the
 * postmaster and its backends, read from /proc), so that a run on a busy machine can still be compared with
 * the raw inserts: throughput depends on what else runs, CPU per operation much less.
 */
public final class CpuMeter {
    private static final double TICK_NS = 1e9 / 100; // USER_HZ is 100 on Linux
    /** The load generator's threads: its clients (load-client-n), which do their own HTTP. */
    static final String[] GENERATOR = {"load-client"};
    private final Integer postgresPort;
    private long jvmStart;
    private long postgresStart;
    private long compileStart;
    private long gcStart;
    private long generatorStart;

    public CpuMeter(Integer postgresPort) {
        this.postgresPort = postgresPort;
    }

    void start() {
        jvmStart = jvmNanos();
        postgresStart = postgresNanos();
        compileStart = threadNanos("C1 CompilerThre", "C2 CompilerThre");
        gcStart = threadNanos("GC Thread", "G1 ");
        generatorStart = threadNanos(GENERATOR);
    }

    void report(String phase, long operations) {
        if (operations == 0) {
            return;
        }
        double jvm = (jvmNanos() - jvmStart) / 1e3 / operations;
        long postgres = postgresNanos();
        System.out.printf("%-28s CPU per operation: JVM %6.0f µs (JIT %4.0f µs, GC %4.0f µs, load generator %4.0f µs),"
                        + " PostgreSQL %s%n", phase, jvm, (threadNanos("C1 CompilerThre", "C2 CompilerThre") - compileStart) / 1e3 / operations,
                (threadNanos("GC Thread", "G1 ") - gcStart) / 1e3 / operations,
                (threadNanos(GENERATOR) - generatorStart) / 1e3 / operations,
                postgres < 0 ? "not measured (external server)" : String.format("%6.0f µs", (postgres - postgresStart) / 1e3 / operations));
    }

    /** CPU time of this JVM's threads whose names start with one of the prefixes (as /proc shows them, cut to 15). */
    static long threadNanos(String... prefixes) {
        return processThreadNanos("self", prefixes);
    }

    /** The CPU time the JIT compilers of process {@code pid} spent, in nanoseconds. */
    public static long compilerNanos(long pid) {
        return processThreadNanos(Long.toString(pid), "C1 CompilerThre", "C2 CompilerThre");
    }

    private static long processThreadNanos(String process, String... prefixes) {
        try (var tasks = Files.list(Path.of("/proc", process, "task"))) {
            long ticks = 0;
            for (var task : tasks.toList()) {
                try {
                    var stat = Files.readString(task.resolve("stat"));
                    var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    for (var prefix : prefixes) {
                        if (name.startsWith(prefix)) {
                            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                            break;
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we read
                }
            }
            return (long) (ticks * TICK_NS);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process (all its threads), in nanoseconds; 0 once it is gone. */
    public static long processNanos(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NS);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * utime + stime of every process whose parent is the postmaster listening on our port, and the postmaster's, with
     * those of its children that ended (its cutime + cstime): the raw inserts' connections end with their phase.
     */
    public long postgresNanos() {
        if (postgresPort == null) {
            return -1;
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            var postmaster = postmaster();
            long ticks = 0;
            for (var dir : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    var stat = Files.readString(dir.resolve("stat"));
                    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(dir.getFileName().toString());
                    long parent = Long.parseLong(fields[1]);
                    if (pid == postmaster || parent == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                    if (pid == postmaster) {
                        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we read
                }
            }
            return (long) (ticks * TICK_NS);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The postmaster: the process whose command line is postgres and which listens on our port. */
    private long postmaster() throws IOException {
        try (var processes = Files.list(Path.of("/proc"))) {
            for (var dir : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    var command = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains("postgres") && command.contains("-p " + postgresPort)) {
                        return Long.parseLong(dir.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while we read
                }
            }
        }
        return -1;
    }
}
