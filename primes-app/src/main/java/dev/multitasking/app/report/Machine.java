package dev.multitasking.app.report;

import dev.multitasking.core.measure.MachineCpu;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a comparison ran on, as the report shows it.
 *
 * @param cores       processors available to the JVM
 * @param memoryBytes physical memory, or 0 where the platform does not tell
 * @param cpu         the CPU's model name from /proc/cpuinfo, or the architecture
 * @param vectors     the widest vector instructions the CPU has ({@code AVX-512}, {@code AVX2}, ...):
 *                    two machines of one model name can differ here, and the sieve and trial
 *                    division run 1.6x apart between them
 * @param os          name, version and architecture
 * @param jdk         version and vendor
 */
public record Machine(int cores, long memoryBytes, String cpu, String vectors, String os, String jdk) {

    public static Machine current() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, MachineCpu.model(), MachineCpu.vectors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    }

    /**
     * Memory available for new processes now: {@code MemAvailable} from /proc/meminfo on Linux
     * (free memory plus what the kernel can reclaim), the JVM's free-memory figure elsewhere.
     */
    public static long availableMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getFreeMemorySize() : Long.MAX_VALUE;
    }

    /** One line: "16 cores, 125 GiB, Intel(R) Xeon(R) (AVX-512); Linux ...; JDK ...". */
    public String summary() {
        return cores + " cores, " + (memoryBytes >> 30) + " GiB, " + cpu + " (" + vectors + "); " + os + "; JDK " + jdk;
    }
}
