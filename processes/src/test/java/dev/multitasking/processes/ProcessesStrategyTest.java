package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Span;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import dev.multitasking.testkit.StrategyContract;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessesStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "processes";
    }

    /** Two worker JVMs: the point is other processes, not more of them than cores. */
    @Override
    protected int workers() {
        return 2;
    }

    /** 200 requests at 50 ms on 2 workers would take 5 s: the same check on 40. */
    @Override
    protected String scaled(String spec) {
        return spec.startsWith("io:") ? "io:40:50ms" : spec;
    }

    @AfterEach
    void noWorkerLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void aWorkerAfterWork_holdsLessThanTheMemoryTheStrategyClaimsForIt() throws Exception {
        List<Task<Long>> segments;
        try (var sieve = new dev.multitasking.core.workload.SieveWorkload(1_000_000_000L, 64).prepare()) {
            segments = sieve.tasks();
        }
        long peak = 0;
        try (Workers w = new ProcessesStrategy().start(2)) {
            for (int run = 0; run < 3; run++) {
                assertThat(w.invokeAll(segments).results()).hasSize(64);
            }
            for (ProcessHandle worker : ProcessHandle.current().descendants().toList()) {
                String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(worker.pid()), "status"));
                long kib = status.lines().filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                        .findFirst().orElseThrow();
                peak = Math.max(peak, kib * 1024);
            }
        }
        assertThat(peak).as("a worker's peak resident memory after three runs of sieve:1e9").isPositive()
                .isLessThan(ProcessesStrategy.WORKER_BYTES);
    }

    @Test
    void invokeAll_spansComeFromTheWorkerProcesses() throws Exception {
        List<Task<Integer>> tasks = IntStream.range(0, 20).<Task<Integer>>mapToObj(Square::new).toList();
        Batch<Integer> batch;
        try (Workers w = new ProcessesStrategy().start(2)) {
            batch = w.invokeAll(tasks);
            assertThat(w.childCpuNanos()).isPositive();
        }
        assertThat(batch.spans()).extracting(Span::pid).doesNotContain(ProcessHandle.current().pid());
        assertThat(batch.spans().stream().map(Span::pid).distinct().count()).isBetween(1L, 2L);
    }
}
