package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** An elastic pool: its minimum launched as it is made, a worker more when a task waits, workers above the minimum retired when idle. */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolElasticTest {

    @AfterEach
    void noWorkerLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    /** Waits, at most 30 s, until {@code condition} holds; false if it never did. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Test
    void withNoMinimum_holdsNoJvmUntilATask_growsToItsMostForTasksThatWait_andShrinksToNoneWhenIdle() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).minWorkers(0).idleTimeout(Duration.ofMillis(300))
                .name("elastic").build()) {
            assertThat(pool.workerPids()).isEmpty();
            assertThat(pool.stats().workers()).isZero();

            List<Future<Long>> two = List.of(pool.submit(new Tasks.Sleep(1_000)), pool.submit(new Tasks.Sleep(1_000)));
            Set<Long> ranOn = new HashSet<>();
            for (Future<Long> f : two) {
                ranOn.add(f.get());
            }
            assertThat(ranOn).as("two tasks at once, two workers").hasSize(2);

            assertThat(eventually(() -> pool.workerPids().isEmpty())).as("idle workers above the minimum of 0 retire").isTrue();
            assertThat(pool.stats().idled()).isEqualTo(2);

            long next = pool.submit(new Tasks.WhoAmI()).get();
            assertThat(ranOn).as("a fresh worker").doesNotContain(next);
            assertThat(pool.stats().completed()).isEqualTo(3);
        }
    }

    @Test
    void givenTasksOneAtATime_runsThemAllOnOneWorker() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(3).minWorkers(0).name("elastic").build()) {
            Set<Long> ranOn = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                ranOn.add(pool.submit(new Tasks.WhoAmI()).get());
            }
            assertThat(ranOn).as("no task ever waited: no worker beyond the first started").hasSize(1);
            assertThat(pool.stats().workers()).isEqualTo(1);
        }
    }

    @Test
    void keepsItsMinimum_whenWorkersAboveItRetire() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(3).minWorkers(1).idleTimeout(Duration.ofMillis(200))
                .name("elastic").build()) {
            pool.awaitWorkersReady();
            assertThat(pool.workerPids()).hasSize(1);
            List<Future<Long>> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(pool.submit(new Tasks.Sleep(1_500)));
            }
            Set<Long> ranOn = new HashSet<>();
            for (Future<Long> f : three) {
                ranOn.add(f.get());
            }
            assertThat(ranOn).hasSize(3);

            assertThat(eventually(() -> pool.workerPids().size() == 1)).as("back to the minimum").isTrue();
            Thread.sleep(1_000);   // five idle timeouts more
            assertThat(pool.workerPids()).as("the minimum stays").hasSize(1);
            assertThat(pool.stats().idled()).isEqualTo(2);
            assertThat(ranOn).contains(pool.submit(new Tasks.WhoAmI()).get());
        }
    }

    @Test
    void aWorkerThatCrashes_isReplacedAndTheElasticPoolGoesOn() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).minWorkers(0).idleTimeout(Duration.ofMillis(300))
                .name("elastic").build()) {
            assertThatThrownBy(() -> pool.submit(new Tasks.Exit(3)).get()).hasCauseInstanceOf(WorkerCrashedException.class);
            assertThat(pool.submit(new Tasks.Square(7)).get()).isEqualTo(49);
            assertThat(eventually(() -> pool.workerPids().isEmpty())).as("the replacement retires when idle too").isTrue();
        }
    }

    @Test
    void anElasticPoolThatNeverRan_endsAtOnce() throws Exception {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(4).minWorkers(0).name("elastic").build();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(pool.socketDirectory()).doesNotExist();
        assertThatThrownBy(() -> pool.submit(new Tasks.WhoAmI())).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void badSizes_areRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().workers(2).minWorkers(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minWorkers (3) is more than the most workers (2)");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().minWorkers(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().idleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idle timeout");
    }
}
