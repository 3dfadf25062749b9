package dev.multitasking.core.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole machine's CPU so far, from {@code /proc/stat}'s first line: what every process on it
 * used, and what the hypervisor took from this virtual machine (steal). The difference of two
 * readings, less what the measured processes used themselves, is what others did meanwhile: the
 * test of whether the machine was idle while a figure was taken.
 *
 * @param busyNanos  user, nice and system time of every CPU (interrupts left out: the loopback
 *                   traffic of an I/O workload is handled there, on behalf of the run itself)
 * @param stealNanos time this machine's virtual CPUs were ready but not running
 */
public record MachineCpu(long busyNanos, long stealNanos) {

    /** The kernel's clock tick on Linux ({@code getconf CLK_TCK} is 100 nearly everywhere). */
    static final long NANOS_PER_TICK = 10_000_000L;

    /** Now, or empty where there is no {@code /proc/stat}. */
    public static Optional<MachineCpu> now() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return Optional.of(parse(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code cpu  user nice system idle iowait irq softirq steal ...}. */
    static MachineCpu parse(String line) {
        String[] f = line.strip().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 4) {
            throw new IllegalArgumentException("not /proc/stat's cpu line: " + line);
        }
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new MachineCpu(busy * NANOS_PER_TICK, steal * NANOS_PER_TICK);
    }

    /** The 1-minute load average now, or NaN where it is unknown. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? Double.NaN : load;
        }
    }
}
