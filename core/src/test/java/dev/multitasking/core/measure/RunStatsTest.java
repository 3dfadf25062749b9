package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunStatsTest {

    private static final RunStats SEQUENTIAL = new RunStats("sequential", 1, 0, 1_000_000, 1_000_000);

    @Test
    void speedupAndEfficiency_areAgainstTheBaselinesWallTime() {
        RunStats fourWorkers = new RunStats("fixed", 4, 5_000, 400_000, 1_600_000);
        assertThat(fourWorkers.speedupOver(SEQUENTIAL)).isEqualTo(2.5);
        assertThat(fourWorkers.efficiencyOver(SEQUENTIAL)).isEqualTo(0.625);
        assertThat(SEQUENTIAL.speedupOver(SEQUENTIAL)).isEqualTo(1.0);
    }

    @Test
    void processCpuNanos_growsWhileThisJvmWorks() {
        long before = RunStats.processCpuNanos();
        long sink = 0;
        for (long end = System.nanoTime() + 50_000_000; System.nanoTime() < end; ) {
            sink += System.nanoTime() % 7;
        }
        assertThat(sink).isNotNegative();
        assertThat(RunStats.processCpuNanos()).isGreaterThan(before);
    }
}
