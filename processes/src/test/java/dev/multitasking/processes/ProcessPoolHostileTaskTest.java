package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.io.IOException;
import java.io.InvalidClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tasks that do what a task may do, or what no task should: write to fd 1 (frames, binary, text,
 * from a thread left behind, from a child that inherits it), read stdin, return values whose
 * serialization throws, is too large, or is built to be slow to decode. None can touch the
 * channel: every other task gets its own answer, and the worker lives on.
 */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolHostileTaskTest {

    @AfterEach
    void noWorkerOutlivesItsPool() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void tasksWritingForgedFramesToFd1_cannotShiftAResult() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(i % 2 == 0 ? new Tasks.ForgesReplies(i) : new Tasks.Square(i)));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).as("task %d", i).isEqualTo(i % 2 == 0 ? i : i * i);
            }
            assertThat(pool.workerPids()).as("no worker was lost").contains(pid).hasSize(2);
        }
    }

    @Test
    void aTaskWritingAReplyOntoItsWorkersSocket_failsItself_andShiftsNoLaterResult() throws Exception {
        // Its JVM opened java.lang to reflection, as a careless jvmOptions might: the task reaches the socket's stream.
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1)
                .jvmOptions("-XX:+UseSerialGC", "--add-opens", "java.base/java.lang=ALL-UNNAMED").build()) {
            Future<Integer> forger = pool.submit(new Tasks.ForgesAReply(Long.MAX_VALUE, 99));
            List<Future<Integer>> after = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                after.add(pool.submit(new Tasks.Square(i)));
            }
            // The forged reply names a task that is not due: the worker is killed for it. Its own reply, if it was
            // already in the socket, still answers it; else it fails saying why. Never the forged 99.
            try {
                assertThat(forger.get(60, TimeUnit.SECONDS)).isEqualTo(-1);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(WorkerCrashedException.class)
                        .hasMessageContaining("sent a reply for task " + Long.MAX_VALUE + ", where task ")
                        .hasMessageContaining("was due: a frame that is not its answer");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(after.get(i).get(60, TimeUnit.SECONDS)).as("task %d", i).isEqualTo(i * i);
            }
        }
    }

    /**
     * A grandchild that inherited the worker's fd 1 and 2 would keep the pool's readers of them
     * waiting, and outlive the pool: it ends with its worker, whether the worker exits (its task
     * calls System.exit) or the pool kills it (a time limit).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "the worker {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"exits", "is killed for its time limit"})
    void aGrandchildHoldingTheWorkersOutput_endsWithItsWorker(String how, @org.junit.jupiter.api.io.TempDir java.nio.file.Path marks)
            throws Exception {
        boolean exits = how.equals("exits");
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Future<Integer> f = exits ? pool.submit(new Tasks.StartsAGrandchild(marks.toString(), true))
                    : pool.submit(new Tasks.StartsAGrandchild(marks.toString(), false), java.time.Duration.ofSeconds(2));
            assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(exits ? WorkerCrashedException.class : java.util.concurrent.TimeoutException.class);
            long grandchild = Long.parseLong(java.nio.file.Files.readString(marks.resolve("grandchild")));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !running(grandchild));
            assertThat(pool.submit(new Tasks.Square(7)).get(60, TimeUnit.SECONDS)).isEqualTo(49);
        }
    }

    /** Alive and not a zombie (an orphan's reaping by whoever adopted it may lag). */
    private static boolean running(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    @Test
    void aTaskReadingStdin_seesItsEnd_andDoesNotHang() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            assertThat(pool.submit(new Tasks.ReadsStdin()).get(60, TimeUnit.SECONDS)).isEqualTo(-1);
            assertThat(pool.submit(new Tasks.Square(3)).get(60, TimeUnit.SECONDS)).isEqualTo(9);
        }
    }

    @Test
    void aThreadLeftBehindWritingToFd1_disturbsNoLaterTask() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            assertThat(pool.submit(new Tasks.LeavesAChattyThread(2_000)).get(60, TimeUnit.SECONDS)).isEqualTo("left");
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(new Tasks.Square(i)));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
        }
    }

    @Test
    void aChildThatInheritsFd1_andWritesAFrameThere_disturbsNothing() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            assertThat(pool.submit(new Tasks.ChildInheritsStdout()).get(60, TimeUnit.SECONDS)).isZero();
            assertThat(pool.submit(new Tasks.Square(12)).get(60, TimeUnit.SECONDS)).isEqualTo(144);
        }
    }

    @Test
    void aResultWhoseWriteObjectThrows_failsThatTaskOnly_onTheSameWorker() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThatThrownBy(() -> pool.submit(new Tasks.ReturnsWontWrite()).get()).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageContaining("could not be serialized")
                    .hasMessageContaining("writeObject refuses");
            assertThatThrownBy(() -> pool.submit(new Tasks.ThrowsWontWrite()).get()).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("an exception that will not be written");
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).as("the same worker").isEqualTo(pid);
        }
    }

    @Test
    void aResultOverTheFrameLimit_failsNamingTheLimit_onTheSameWorker() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).maxFrameBytes(64 * 1024).build()) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThat(pool.submit(new Tasks.Bytes(1_000)).get()).hasSize(1_000);
            assertThatThrownBy(() -> pool.submit(new Tasks.Bytes(100_000)).get()).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageContaining("over the frame limit of 65536 bytes");
            assertThatThrownBy(() -> pool.submit(new Tasks.Echo(new byte[100_000])).get()).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageContaining("the task is").hasMessageContaining("65536 bytes");
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).as("the same worker").isEqualTo(pid);
        }
    }

    @Test
    void valuesBuiltToDecodeSlowly_areRefusedAtOnce_eitherWay() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThatThrownBy(() -> pool.submit(new Tasks.Echo(Tasks.nestedSets(40))).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidClassException.class).hasMessageContaining("deep");
            assertThatThrownBy(() -> pool.submit(new Tasks.ReturnsNestedSets(40)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(InvalidClassException.class).hasMessageContaining("deep");
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).as("the same worker").isEqualTo(pid);
        }
    }

    @Test
    void aKilobyteResultThatWouldHashForAges_failsItsFuture_andThePoolGoesOn_andCloses() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (pool) {
            long pid = pool.submit(new Tasks.WhoAmI()).get();
            assertThatThrownBy(() -> pool.submit(new Tasks.ReturnsSharedLists(19)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(java.io.InvalidObjectException.class)
                    .hasMessageContaining("unfold");
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).as("the same worker, the same conductor").isEqualTo(pid);
        }
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void givenJvmOptions_stillExitOnOutOfMemory_soAnOomWhileTheResultIsSerializedFailsTheTask_notHangsIt() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).jvmOptions("-Xmx48m").build()) {
            assertThatThrownBy(() -> pool.submit(new Tasks.LeavesAThreadThenReturnsTooMuch(30)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(WorkerCrashedException.class);
            assertThat(pool.submit(new Tasks.Square(7)).get(60, TimeUnit.SECONDS)).as("a fresh worker").isEqualTo(49);
        }
    }

    @Test
    void aWorkerThatWrites32MiBWithoutANewline_isReadInBoundedLines_andItsCrashSaysSoBriefly() throws Exception {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Throwable crash = org.assertj.core.api.Assertions.catchThrowable(
                    () -> pool.submit(new Tasks.ShoutsWithoutNewlineThenHalts(32)).get(60, TimeUnit.SECONDS));
            assertThat(crash).isInstanceOf(ExecutionException.class).cause().isInstanceOf(WorkerCrashedException.class);
            String message = crash.getCause().getMessage();
            assertThat(message.length()).as("a message, not 32 MiB").isLessThan(64 * 1024);
            assertThat(message).contains("more characters)");
            assertThat(pool.submit(new Tasks.Square(3)).get(60, TimeUnit.SECONDS)).isEqualTo(9);
        }
    }
}
