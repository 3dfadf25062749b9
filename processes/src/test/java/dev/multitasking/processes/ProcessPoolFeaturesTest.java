package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pool's watchable and guarded features: stats, Flight Recorder events, heap and memory limits, retries. */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolFeaturesTest {

    @AfterEach
    void noWorkerLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    private static void settle(List<? extends Future<?>> futures) throws InterruptedException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // counted
            }
        }
    }

    /** A function that crosses into a worker: a project class, as the frame filter requires. */
    record Times(long k) implements dev.multitasking.core.futures.TaskFunction<Object, Object> {
        @Override
        public Object apply(Object x) {
            return switch (x) {
                case Integer i -> (long) i * k;
                case Long l -> (int) (l * k);
                default -> x + "x" + k;
            };
        }
    }

    /**
     * Chunks cross into the workers and back, packed (ints and longs as one array) or not (any
     * other value), and come back whole: in order through map, beside their inputs through
     * mapUnordered.
     */
    @Test
    void mapAndMapUnordered_onWorkerJvms_returnEveryValue_packedOrNot() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            List<Object> ordered = new ArrayList<>();
            try (var it = dev.multitasking.core.futures.Futures.map(pool, new Times(3), java.util.stream.IntStream.range(0, 2000).boxed()
                    .map(i -> (Object) i).toList(), 100)) {
                while (it.hasNext()) {
                    ordered.add(it.next());
                }
            }
            assertThat(ordered).hasSize(2000).element(1999).isEqualTo(5997L);
            java.util.Map<Object, Object> seen = new java.util.HashMap<>();
            List<Object> mixed = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                mixed.add(i < 100 ? (Object) (long) i : i < 200 ? (Object) ("s" + i) : (Object) i);
            }
            try (var it = dev.multitasking.core.futures.Futures.mapUnordered(pool, new Times(2), mixed, 50)) {
                while (it.hasNext()) {
                    var m = it.next();
                    seen.put(m.input(), m.value());
                }
            }
            assertThat(seen).hasSize(300).containsEntry(7L, 14).containsEntry("s150", "s150x2").containsEntry(250, 500L);
        }
    }

    @Test
    void stats_countEachOutcome_andTimeTheWaitsAndRuns() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).maxTasksPerWorker(3).build()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(new Tasks.Square(i)));
            }
            futures.add(pool.submit(new Tasks.Fails("on purpose")));
            futures.add(pool.submit(new Tasks.Exit(3)));
            futures.add(pool.submit(new Tasks.Sleep(5_000), java.time.Duration.ofMillis(300)));
            settle(futures);
            ProcessPoolExecutor.Stats s = pool.stats();
            assertThat(s.completed()).isEqualTo(6);
            assertThat(s.failed()).isEqualTo(1);
            assertThat(s.crashed()).isEqualTo(1);
            assertThat(s.timedOut()).isEqualTo(1);
            assertThat(s.queued()).isZero();
            assertThat(s.busyWorkers()).isZero();
            assertThat(s.recycled()).as("workers retired after 3 tasks").isPositive();
            assertThat(s.runMicros().count()).isEqualTo(9);
            assertThat(s.runMicros().max()).as("the sleeper ran until its 300 ms limit").isGreaterThanOrEqualTo(300_000);
            assertThat(s.runMicros().p50()).isLessThanOrEqualTo(s.runMicros().p90()).isLessThanOrEqualTo(s.runMicros().p99())
                    .isLessThanOrEqualTo(s.runMicros().max());
            assertThat(s.waitMicros().count()).isEqualTo(9);
        }
    }

    @Test
    void flightRecorder_seesEveryTask_withItsOutcomeWorkerAndBytes(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("pool.jfr");
        try (Recording r = new Recording()) {
            r.enable(TaskEvent.NAME);
            r.start();
            try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    futures.add(pool.submit(new Tasks.Square(i)));
                }
                futures.add(pool.submit(new Tasks.Fails("on purpose")));
                settle(futures);
            }
            r.stop();
            r.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals(TaskEvent.NAME)).toList();
        assertThat(events).hasSize(5);
        assertThat(events).extracting(e -> e.getString("outcome")).containsOnly("completed", "failed")
                .filteredOn("failed"::equals).hasSize(1);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getLong("workerPid")).isPositive().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(e.getLong("bytesSent")).isPositive();
            assertThat(e.getLong("bytesReceived")).isPositive();
            assertThat(e.getInt("tries")).isEqualTo(1);
            assertThat(e.getString("pool")).isEqualTo("processes");
        });
    }

    @Test
    void aTaskPastTheHeap_failsSayingItRanOutOfMemory_andThePoolGoesOn() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).maxHeapBytes(64L << 20).build()) {
            assertThatThrownBy(() -> pool.submit(new Tasks.Hog()).get()).cause().isInstanceOfSatisfying(WorkerCrashedException.class, e -> {
                assertThat(e.outOfMemory()).isTrue();
                assertThat(e.getMessage()).contains("ran out of memory", "OutOfMemoryError");
            });
            assertThat(pool.submit(new Tasks.Square(9)).get()).isEqualTo(81);
        }
    }

    @Test
    void maxHeapBytes_keepsThePoolsOwnOptions() {
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().maxHeapBytes(1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 MiB");
    }

    @Test
    void aWorkerOverItsMemoryLimit_isRetiredAfterItsTask_andReplaced() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).maxWorkerMemory(200L << 20).build()) {
            long first = pool.submit(new Tasks.WhoAmI()).get();
            // Each task keeps 64 MiB more: the worker passes 200 MiB resident within a few, and is replaced.
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                kept.add(pool.submit(new Tasks.Hoards(64)).get());
            }
            assertThat(kept.get(0)).isEqualTo(64);
            // One worker would have held 64, 128, ... 384; a replacement starts again from 64.
            assertThat(kept).as("MiB the worker held after each task").isNotEqualTo(List.of(64, 128, 192, 256, 320, 384))
                    .filteredOn(mb -> mb == 64).hasSizeGreaterThan(1);
            assertThat(pool.stats().recycled()).isPositive();
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).isNotEqualTo(first);
        }
    }

    @Test
    void aRetryableTask_goesToAnotherWorkerWhenItsWorkerDies(@TempDir Path dir) throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(new Tasks.DiesOnceThenAnswers(dir.toString())).get();
            assertThat(pid).isPositive();
            assertThat(Files.exists(dir.resolve("died"))).isTrue();
            assertThat(pool.stats().retried()).isEqualTo(1);
            assertThat(pool.stats().completed()).isEqualTo(1);
            assertThat(pool.stats().crashed()).isZero();
        }
    }

    @Test
    void aRetryableTaskThatKillsEveryWorker_failsAfterItsTries_countingThem() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            assertThatThrownBy(() -> pool.submit(new Tasks.AlwaysDies()).get()).cause().isInstanceOfSatisfying(WorkerCrashedException.class, e -> {
                assertThat(e.attempts()).isEqualTo(3);
                assertThat(e.getMessage()).contains("each of 3 tries");
            });
            assertThat(pool.stats().retried()).isEqualTo(2);
            // A task that is not Retryable is never tried again.
            assertThatThrownBy(() -> pool.submit(new Tasks.Exit(3)).get()).cause().isInstanceOfSatisfying(WorkerCrashedException.class,
                    e -> assertThat(e.attempts()).isEqualTo(1));
            assertThat(pool.submit(new Tasks.Square(4)).get()).isEqualTo(16);
        }
    }
}
