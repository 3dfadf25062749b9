package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multitasking.testkit.NoLeakedThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The process pool under the failures it exists to survive. */
@Timeout(180)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolReliabilityTest {

    @AfterEach
    void noWorkerLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    /**
     * Sizes: {@code multitasking.reliability.tasks} tasks (300 unless told), and a kill every
     * 150 ms until a hundredth as many kills (at least 12) are done or the tasks are.
     */
    @Test
    void randomWorkerKills_everyTaskSucceedsOrFailsAsCrashed_noneHangs_noneIsLost_eachKillFailsAtMostOne() throws Exception {
        int tasks = Integer.getInteger("multitasking.reliability.tasks", 300);
        int maxKills = Math.max(12, tasks / 100);
        AtomicInteger kills = new AtomicInteger();
        java.util.Set<Long> killed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Long> blamed = new ArrayList<>();
        int crashed = 0;
        int succeeded = 0;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            pool.awaitWorkersReady();
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(new Tasks.Sleep(5 + i % 20)));
            }
            // A bounded killer: kills of a random live worker, 150 ms apart.
            Thread killer = Thread.ofPlatform().name("killer").start(() -> {
                while (kills.get() < maxKills && !futures.get(futures.size() - 1).isDone()) {
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        return;
                    }
                    List<Long> pids = pool.workerPids();
                    long victim = pids.isEmpty() ? -1 : pids.get(ThreadLocalRandom.current().nextInt(pids.size()));
                    if (victim > 0) {
                        killed.add(victim);   // before the kill: a crash it causes may be reported at once
                        if (ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false)) {
                            kills.incrementAndGet();
                        }
                    }
                }
            });
            for (Future<Long> f : futures) {
                try {
                    f.get(60, TimeUnit.SECONDS);   // a hang fails here
                    succeeded++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(WorkerCrashedException.class);
                    blamed.add(((WorkerCrashedException) e.getCause()).pid());
                    crashed++;
                }
            }
            killer.join();
            assertThat(pool.submit(new Tasks.Square(7)).get(60, TimeUnit.SECONDS)).isEqualTo(49);
        }
        System.out.printf("reliability: %d tasks, %d kills, %d failed as crashed, %d succeeded%n", tasks, kills.get(), crashed, succeeded);
        assertThat(succeeded + crashed).isEqualTo(tasks);
        assertThat(succeeded).isPositive();
        assertThat(crashed).as("some kills hit a running task").isPositive();
        assertThat(crashed).as("a kill fails at most the task its worker ran").isLessThanOrEqualTo(kills.get());
        assertThat(killed).as("every task that failed ran on a worker that was killed").containsAll(blamed);
        assertThat(blamed).as("no killed worker failed more than its one running task (none sent ahead, none it never had)")
                .doesNotHaveDuplicates();
    }

    @Test
    void aWorkerKilledWhileIdle_isReplaced_andTheNextTaskRuns_notFailsForItsDeath() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(new Tasks.WhoAmI()).get(60, TimeUnit.SECONDS);
            ProcessHandle idle = ProcessHandle.of(pid).orElseThrow();
            idle.destroyForcibly();
            idle.onExit().get(30, TimeUnit.SECONDS);
            assertThat(pool.submit(new Tasks.Square(5)).get(60, TimeUnit.SECONDS)).isEqualTo(25);
            assertThat(pool.submit(new Tasks.WhoAmI()).get(60, TimeUnit.SECONDS)).as("a new worker").isNotEqualTo(pid);
        }
    }

    @ParameterizedTest(name = "a thread the task left {0} the worker 300 ms after its reply")
    @ValueSource(strings = {"halts", "interrupts the main thread of"})
    void aWorkerEndedAfterItsReply_byAThreadATaskLeft_failsNoLaterTask(String how) throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(new Tasks.LeavesATimeBomb(300, how.startsWith("halts"))).get(60, TimeUnit.SECONDS);
            ProcessHandle.of(pid).ifPresent(p -> {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the worker did not end", e);
                }
            });
            for (int i = 0; i < 3; i++) {
                assertThat(pool.submit(new Tasks.Square(i)).get(60, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
        }
    }

    @Test
    void parentKilledWithSigkill_itsIdleWorkersExitOnTheirOwn() throws Exception {
        Orphans orphans = killParentOf(new String[0], null);
        List<Long> workers = orphans.workers();
        // Their sockets closed with the parent: each worker reads end of file, or fails a heartbeat, and exits.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> workers.stream().noneMatch(ProcessPoolReliabilityTest::alive));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(orphans.socketDirectory()));
    }

    @Test
    void parentKilledWithSigkill_itsWorkersInTheMiddleOfABusyAndASleepingTask_exitWithinSeconds(@TempDir Path marks)
            throws Exception {
        Orphans orphans = killParentOf(new String[] {marks.toString()}, marks);
        List<Long> workers = orphans.workers();
        // A worker reads its socket only between tasks; its heartbeat thread finds the parent gone.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> workers.stream().noneMatch(ProcessPoolReliabilityTest::alive));
        // and the last of them removes the parent's sockets' directory
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(orphans.socketDirectory()));
    }

    /** The workers a killed parent left, and its sockets' directory. */
    private record Orphans(List<Long> workers, Path socketDirectory) {
    }

    /** Starts a {@link PoolParent}, waits for its workers (and, with {@code marks}, for their two tasks to start), kills it. */
    private static Orphans killParentOf(String[] args, Path marks) throws Exception {
        List<Long> workers = new ArrayList<>();
        Path directory;
        try (ChildProcess.Launched parent = ChildProcess.main(PoolParent.class).args(args).talk().start()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.stdout(), StandardCharsets.UTF_8));
            directory = Path.of(out.readLine());
            for (String line; !(line = out.readLine()).equals("ready"); ) {
                workers.add(Long.parseLong(line));
            }
            assertThat(workers).hasSize(2);
            assertThat(workers).allSatisfy(pid -> assertThat(alive(pid)).isTrue());
            if (marks != null) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    try (var files = Files.list(marks)) {
                        return files.count() == 2;
                    }
                });
            }
            parent.destroy();   // SIGKILL: no shutdown hook runs in the parent
            parent.await();
        }
        return new Orphans(workers, directory);
    }

    /**
     * Whether the process still runs. A worker whose parent died is reaped by whatever adopts it,
     * which may take a while here; until then it is a zombie that ProcessHandle calls alive.
     */
    private static boolean alive(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }
}
