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

    /** The CPU's model name from {@code /proc/cpuinfo}, or the architecture where it does not say. */
    public static String model() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    /**
     * The widest vector instructions the CPU has ({@code AVX-512}, {@code AVX2}, {@code SVE},
     * {@code NEON}, {@code SSE2}), from the {@code flags} (x86) or {@code Features} (ARM) line of
     * {@code /proc/cpuinfo}; "unknown" elsewhere. Two machines of one model name can differ here.
     */
    public static String vectors() {
        try {
            String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("flags") || l.startsWith("Features"))
                    .map(l -> " " + l.substring(l.indexOf(':') + 1).strip() + " ")
                    .findFirst().orElse("");
            return flags.contains(" avx512f ") ? "AVX-512" : flags.contains(" avx2 ") ? "AVX2" : flags.contains(" sve ") ? "SVE"
                    : flags.contains(" asimd ") ? "NEON" : flags.contains(" sse2 ") ? "SSE2" : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
