package dev.multitasking.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class BoundTest {

    /**
     * Long enough (about 0.3 s on one thread) that CPU time, counted in the kernel's 10 ms ticks,
     * is a ratio worth reading: count:2000000 took 45 ms on 2 threads once trial division became
     * vectorized, and one tick either way moved its CPU over wall across the 1.3 line.
     */
    private static final String CPU_BOUND = "count:5000000:32";

    @Test
    void samePools_ioScalesPastTheCores_cpuStopsAtThem() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int many = 4 * cores;
        List<Bound_01_SamePoolsDifferentBounds.Row> rows =
                Bound_01_SamePoolsDifferentBounds.measure("io:32:50ms", CPU_BOUND, 1, 2, cores, many);
        var one = rows.get(0);
        var two = rows.get(1);
        var atCores = rows.get(2);
        var past = rows.get(3);

        // I/O-bound: four times the cores in threads, and about four times the cores faster (32 waits of 50 ms).
        double ioSpeedup = (double) one.ioNanos() / past.ioNanos();
        assertThat(ioSpeedup).as("I/O-bound, %d threads on %d cores", many, cores).isGreaterThan(Math.min(many, 32) / 2.0);

        // CPU-bound: the plateau. Threads past the cores add (next to) nothing: four times as many
        // threads as cores are not half again faster than as many as cores; a lock-free Java thread
        // per core, and not more, is what the speedup stands on.
        double cpuAtCores = (double) one.cpuNanos() / atCores.cpuNanos();
        double cpuPast = (double) one.cpuNanos() / past.cpuNanos();
        assertThat(cpuPast).as("CPU-bound, %d threads against %d (%.2fx against %.2fx)", many, cores, cpuPast, cpuAtCores)
                .isLessThan(cpuAtCores * 1.5);
        assertThat(cpuPast).as("CPU-bound, %d threads on %d cores", many, cores).isLessThan(cores * 1.5);
        if (cores >= 2) {
            // No global interpreter lock: two Java threads compute on two cores at once, so the
            // run uses more CPU time than wall time. (CPU time, not speedup: it holds on a busy
            // machine and whatever the JIT did, and a GIL would keep it at 1.)
            // Another process on a shared machine can take a core for a while: the best of three
            // tries must show it.
            double busiest = (double) two.cpuWorkCpuNanos() / two.cpuNanos();
            for (int retry = 0; retry < 2 && busiest <= 1.3; retry++) {
                var again = Bound_01_SamePoolsDifferentBounds.measure("io:1:1ms", CPU_BOUND, 2).get(0);
                busiest = Math.max(busiest, (double) again.cpuWorkCpuNanos() / again.cpuNanos());
            }
            assertThat(busiest).as("CPU time over wall time, 2 threads, best of up to 3 tries").isGreaterThan(1.3);
        }
    }
}
