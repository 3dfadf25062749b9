package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A worker that stops answering, a task that runs too long: noticed, killed, replaced; nothing waits forever. */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolLivenessTest {

    private static final Duration LIVENESS = Duration.ofMillis(600);

    @AfterEach
    void noWorkerOutlivesItsPool() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    /** Sends SIGSTOP (the JDK has no call for it): the JVM freezes, every thread of it. */
    private static void stop(long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(pid)).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void aStoppedWorkerWithATask_isKilledAfterTheLivenessLimit_andItsTaskFailsSayingSo(@TempDir Path marks) throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).liveness(LIVENESS).build()) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            Future<Integer> frozen = pool.submit(new Tasks.SleepsAfterMarking(marks.toString()));
            awaitStarted(marks, pid);   // stopped before it had the task, the worker's death would not be the task's
            stop(pid);
            assertThatThrownBy(() -> frozen.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WorkerUnresponsiveException.class).hasMessageContaining("worker " + pid);
            assertThat(pool.submit(new Tasks.WhoAmI()).get(60, TimeUnit.SECONDS)).as("a fresh worker").isNotEqualTo(pid);
        }
    }

    @Test
    void aTaskThatRunsLong_isNotMistakenForASilentWorker() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).liveness(Duration.ofMillis(400)).build()) {
            assertThat(pool.submit(new Tasks.Sleep(1_500)).get(60, TimeUnit.SECONDS)).isPositive();
        }
    }

    @Test
    void aWorkerHeldAtASafepointWhileItComputes_isNotMistakenForASilentOne() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).liveness(Duration.ofMillis(500)).build()) {
            long held = pool.submit(new Tasks.StallsSafepoints(2)).get(120, TimeUnit.SECONDS);
            // Only a test if the worker was held (silent) longer than the limit: the JIT decides, not the test.
            assumeTrue(held > 1_000, "the worker was held for " + held + " ms only");
        }
    }

    @Test
    void aParentPausedPastTheLimit_killsNoHealthyWorkerWhenItResumes() throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        try (ChildProcess.Launched parent = ChildProcess.main(PoolParent.class).args("--paused").talk().start()) {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(parent.stdout(), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            stop(parent.pid());
            Thread.sleep(2_500);   // 2.5 times the parent's liveness limit; its workers sleep on, heartbeating into their sockets
            assertThat(new ProcessBuilder("kill", "-CONT", String.valueOf(parent.pid())).inheritIO().start().waitFor()).isZero();
            for (String line; (line = out.readLine()) != null && !line.equals("done"); ) {
                lines.add(line);
            }
            assertThat(parent.await().exitCode()).isZero();
        }
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("ok "));
    }

    @Test
    void close_withAStoppedIdleWorker_returns() throws Exception {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).liveness(LIVENESS).build();
        pool.awaitWorkersReady();
        stop(pool.workerPids().get(0));
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void close_withAStoppedBusyWorker_returns_andTheTaskFails(@TempDir Path marks) throws Exception {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).liveness(LIVENESS).build();
        long pid = pool.submit(new Tasks.WhoAmI()).get();
        Future<Integer> frozen = pool.submit(new Tasks.SleepsAfterMarking(marks.toString()));
        awaitStarted(marks, pid);
        stop(pid);
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
        assertThat(frozen.exceptionNow()).isInstanceOf(WorkerUnresponsiveException.class);
    }

    @Test
    void submitWithATimeLimit_aTaskPastIt_failsWithTimeout_andItsWorkerIsReplaced() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThat(pool.submit(new Tasks.Sleep(10), Duration.ofSeconds(30)).get()).isEqualTo(pid);
            Future<Long> late = pool.submit(new Tasks.Sleep(60_000), Duration.ofMillis(300));
            assertThatThrownBy(() -> late.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class).hasMessageContaining("limit of 300 ms");
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).as("a fresh worker").isNotEqualTo(pid);
        }
    }

    @Test
    void invokeAllWithATimeLimit_failsOnlyTheTasksPastIt() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            List<Future<Long>> futures = pool.invokeAll(List.of(new Tasks.Sleep(5), new Tasks.Sleep(60_000), new Tasks.Sleep(6)),
                    Duration.ofMillis(500));
            assertThat(futures.get(0).resultNow()).isPositive();
            assertThat(futures.get(1).exceptionNow()).isInstanceOf(TimeoutException.class);
            assertThat(futures.get(2).resultNow()).isPositive();
        }
    }

    @Test
    void aTimeLimit_mustBePositive() {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            assertThatThrownBy(() -> pool.submit(new Tasks.Sleep(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pool.submit(new Tasks.Sleep(1), null)).isInstanceOf(NullPointerException.class);
        }
    }

    /** Waits until the task on worker {@code pid} has left its mark: the worker has it and runs it. */
    private static void awaitStarted(Path marks, long pid) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> java.nio.file.Files.exists(marks.resolve("sleeping-" + pid)));
    }
}
