package dev.multitasking.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multitasking.testkit.NoLeakedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(300)
@ExtendWith(NoLeakedThreads.class)
class ConcurrencyTest {

    @AfterEach
    void noChildLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void onOneCpu_waitsStillOverlap_computingTakesTurns() throws Exception {
        assumeTrue(LessonJvm.taskset().isPresent(), "no taskset on this machine: a JVM cannot be confined to one CPU");
        var one = Concurrency_01_OnOneProcessor.onOneCpu(1, 8).orElseThrow();
        assertThat(one.processors()).as("availableProcessors() under taskset -c").isEqualTo(1);
        // Sixteen 10 ms waits on eight threads: eight times faster in theory, and far more than
        // the one CPU, whatever the machine's speed.
        assertThat(one.ioSpeedup(1)).as("I/O-bound, 8 threads on one CPU").isGreaterThan(3);
        // One CPU cannot run two threads' instructions at once: CPU time cannot exceed wall time
        // (a tick of the kernel's 10 ms clock aside) and eight threads are no faster than one.
        assertThat(one.coresBusy(1)).as("cores busy, 8 threads on one CPU").isLessThan(1.15);
        assertThat(one.cpuSpeedup(1)).as("CPU-bound, 8 threads on one CPU").isLessThan(1.3);
    }

    @Test
    void onEveryCpu_theSamePoolComputesInParallel() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores >= 2, "one CPU: nothing to run in parallel");
        // Two computing threads on two cores: CPU time over wall time well above one (a GIL, or a pool
        // confined to one CPU, would keep it at one). Another program can take a core for a while and
        // lower it: the best of three tries must show it.
        double busiest = 0;
        for (int attempt = 0; attempt < 3 && busiest <= 1.3; attempt++) {
            var every = Concurrency_01_OnOneProcessor.onEveryCpu(1, 2);
            assertThat(every.processors()).isEqualTo(cores);
            busiest = Math.max(busiest, every.coresBusy(1));
        }
        assertThat(busiest).as("cores busy, 2 threads on every CPU, the best of up to 3 tries").isGreaterThan(1.3);
    }
}
