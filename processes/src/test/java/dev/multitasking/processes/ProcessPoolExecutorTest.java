package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolExecutorTest {

    @AfterEach
    void noWorkerOutlivesItsPool() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    private static void closeAndCheck(ProcessPoolExecutor pool) {
        pool.close();
        assertThat(pool.isTerminated()).isTrue();
    }

    @Test
    void theSocketsPrivateDirectory_isOwnerOnly_andGoesWithThePool() throws Exception {
        for (int tasks : new int[] {0, 1, 20}) {
            ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
            java.nio.file.Path dir = pool.socketDirectory();
            assertThat(java.nio.file.Files.getPosixFilePermissions(dir))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
            for (int i = 0; i < tasks; i++) {
                assertThat(pool.submit(new Tasks.Square(i)).get()).isEqualTo(i * i);
            }
            closeAndCheck(pool);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !java.nio.file.Files.exists(dir));
        }
    }

    @Test
    void submit_runsInAnotherJvm_andAnswers() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        try {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(pool.workerPids()).contains(pid).hasSize(2);
            assertThat(pool.submit(new Tasks.Square(12)).get()).isEqualTo(144);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void taskThrows_theCallerGetsItsClassMessageAndStackTrace_andThePoolGoesOn() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            assertThatThrownBy(() -> pool.submit(new Tasks.Fails("boom")).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom")
                    .satisfies(t -> assertThat(t.getStackTrace()).anySatisfy(frame ->
                            assertThat(frame.getClassName()).isEqualTo(Tasks.Fails.class.getName())));
            assertThat(pool.submit(new Tasks.Square(3)).get()).isEqualTo(9);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void invokeAllAndInvokeAny_runTasksAsTheContractSays() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        try {
            List<Callable<Integer>> squares = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                squares.add(new Tasks.Square(i));
            }
            List<Future<Integer>> all = pool.invokeAll(squares);
            for (int i = 0; i < 10; i++) {
                assertThat(all.get(i).get()).isEqualTo(i * i);
            }
            List<Callable<Integer>> oneWorks = List.of(new Tasks.Fails("no"), new Tasks.Square(7), new Tasks.Fails("no"));
            assertThat(pool.invokeAny(oneWorks)).isEqualTo(49);
            List<Callable<Integer>> noneWorks = List.of(new Tasks.Fails("first"), new Tasks.Fails("second"));
            assertThatThrownBy(() -> pool.invokeAny(noneWorks)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class);
            List<Callable<Long>> tooSlow = List.of(new Tasks.Sleep(60_000));
            assertThatThrownBy(() -> pool.invokeAny(tooSlow, 300, TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(pool.submit(new Tasks.Square(2)).get(60, TimeUnit.SECONDS)).isEqualTo(4);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void notATask_isRefusedNamingItsClass() {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            Callable<Integer> lambda = () -> 1;
            assertThatThrownBy(() -> pool.submit(lambda)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(lambda.getClass().getName());
            Runnable runnable = () -> { };
            assertThatThrownBy(() -> pool.submit(runnable)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pool.execute(runnable)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(runnable.getClass().getName());
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void resultNotSerializable_failsThatTask_only() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            assertThatThrownBy(() -> pool.submit(new Tasks.Unserializable()).get())
                    .cause().isInstanceOf(NotSerializableException.class).hasMessageContaining("java.lang.Object");
            assertThat(pool.submit(new Tasks.Square(4)).get()).isEqualTo(16);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void frameWithAClassOutsideTheFilter_isRefusedByTheWorker_neverRun() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            Future<String> smuggled = pool.submit(new Tasks.Smuggles(new ObjectName("d:type=x")));
            assertThatThrownBy(smuggled::get).cause().isInstanceOf(InvalidClassException.class)
                    .hasMessageContaining("class javax.management.ObjectName is not admitted");
            assertThat(pool.submit(new Tasks.Smuggles(42)).get()).isEqualTo("ran with 42");
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void resultOfAClassOutsideTheFilter_isRefusedByTheParent_theWorkerStays() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThatThrownBy(() -> pool.submit(new Tasks.ReturnsSmuggled()).get()).cause()
                    .isInstanceOf(InvalidClassException.class).hasMessageContaining("is not admitted");
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).isEqualTo(pid);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void failureThatCannotBeSerialized_arrivesAsItsClassMessageAndStackTrace() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThatThrownBy(() -> pool.submit(new Tasks.FailsUnserializably()).get()).cause()
                    .hasMessageContaining(Tasks.HoldsAnObject.class.getName() + ": cannot travel as it is")
                    .satisfies(e -> assertThat(e.getStackTrace()[0].getClassName()).isEqualTo(Tasks.FailsUnserializably.class.getName()));
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).isEqualTo(pid);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void valuesOfEveryShape_makeTheTripIntact() throws Exception {
        List<Object> values = new ArrayList<>(List.of(true, false, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0L,
                Long.MIN_VALUE, Long.MAX_VALUE, "text", 2.5, 'c', (short) 7, (byte) 8, List.of(1, 2L, "3"),
                new java.math.BigInteger("123456789012345678901234567890")));
        values.add(null);
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            for (Object v : values) {
                assertThat(pool.submit(new Tasks.Echo(v)).get()).isEqualTo(v);
            }
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void taskPrintsOnStdout_theProtocolIsUntouched() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try {
            assertThat(pool.submit(new Tasks.Prints("hello from a task")).get()).isEqualTo("printed");
            assertThat(pool.submit(new Tasks.Square(5)).get()).isEqualTo(25);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void workerExitsMidTask_thatTaskFailsWithItsExitCodeAndLastWords_theOthersComplete() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        try {
            List<Future<Integer>> squares = new ArrayList<>();
            Future<Integer> exit = pool.submit(new Tasks.Exit(3));
            for (int i = 0; i < 20; i++) {
                squares.add(pool.submit(new Tasks.Square(i)));
            }
            assertThatThrownBy(exit::get).cause().isInstanceOfSatisfying(WorkerCrashedException.class, crash -> {
                assertThat(crash.exitCode()).isEqualTo(3);
                assertThat(crash.stderrTail()).contains("exiting with 3");
            });
            for (int i = 0; i < 20; i++) {
                assertThat(squares.get(i).get()).isEqualTo(i * i);
            }
            assertThat(pool.workerPids()).hasSize(2);   // replaced
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void workerKilledWithSigkillMidTask_thatTaskFails_thePoolReplacesIt() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (SocketGate gate = new SocketGate()) {
            long first = pool.submit(new Tasks.WhoAmI()).get();
            Future<String> blocked = pool.submit(gate.blocker());
            assertThat(gate.awaitStarted(1)).isTrue();   // the task runs in the worker now
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> blocked.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(WorkerCrashedException.class, crash -> assertThat(crash.exitCode()).isEqualTo(137));
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).isNotEqualTo(first);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void workerRunsOutOfMemory_thatTaskFailsAsACrash_thePoolGoesOn() throws Exception {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1)
                .jvmOptions("-XX:+UseSerialGC", "-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr").build();
        try {
            assertThatThrownBy(() -> pool.submit(new Tasks.Hog()).get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(WorkerCrashedException.class, crash -> {
                        assertThat(crash.exitCode()).isEqualTo(3);
                        assertThat(crash.stderrTail()).anySatisfy(line -> assertThat(line).contains("OutOfMemoryError"));
                    });
            assertThat(pool.submit(new Tasks.Square(6)).get()).isEqualTo(36);
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void cancelRunningTask_killsItsWorker_andTheNextTaskRunsOnAFreshOne() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (SocketGate gate = new SocketGate()) {
            long first = pool.submit(new Tasks.WhoAmI()).get();
            Future<String> blocked = pool.submit(gate.blocker());
            assertThat(gate.awaitStarted(1)).isTrue();
            assertThat(blocked.cancel(true)).isTrue();
            assertThatThrownBy(blocked::get).isInstanceOf(CancellationException.class);
            assertThat(pool.submit(new Tasks.WhoAmI()).get(60, TimeUnit.SECONDS)).isNotEqualTo(first);
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            closeAndCheck(pool);
        }
    }

    @Test
    void shutdownNow_killsTheRunningTask_returnsTheQueuedOnes_andEveryWorkerEnds() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        SocketGate gate = new SocketGate();
        Future<String> running = pool.submit(gate.blocker());
        assertThat(gate.awaitStarted(1)).isTrue();
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(pool.submit(new Tasks.Square(i)));
        }
        List<Runnable> neverStarted = pool.shutdownNow();
        assertThat(neverStarted).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(neverStarted.get(i)).isSameAs(queued.get(i));
        }
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(running::get).cause().isInstanceOf(InterruptedException.class);
        assertThatThrownBy(() -> pool.submit(new Tasks.Square(1))).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        gate.close();
    }

    @Test
    void maxTasksPerWorker_recyclesWorkers_andEveryTaskCompletes() throws Exception {
        for (int max : new int[] {1, 3}) {
            ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).maxTasksPerWorker(max).build();
            try {
                List<Future<Long>> pids = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    pids.add(pool.submit(new Tasks.WhoAmI()));
                }
                Set<Long> distinct = new HashSet<>();
                for (Future<Long> f : pids) {
                    distinct.add(f.get(120, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("workers used with max %d", max).hasSizeGreaterThanOrEqualTo(pids.size() / max);
            } finally {
                closeAndCheck(pool);
            }
        }
    }

    @Test
    void initializer_runsInEveryWorkerBeforeItsFirstTask() throws Exception {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).initializer(new Tasks.Initialize()).build();
        try {
            List<Future<String>> seen = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                seen.add(pool.submit(new Tasks.ReadInitialized()));
            }
            for (Future<String> f : seen) {
                assertThat(f.get()).startsWith("yes ");
            }
        } finally {
            closeAndCheck(pool);
        }
    }
}
