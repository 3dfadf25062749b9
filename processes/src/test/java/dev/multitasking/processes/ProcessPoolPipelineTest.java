package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The task a conductor sends ahead, into the stdin of a worker busy with another: it is never
 * lost, never runs after it was taken back, and never costs the task ahead of it.
 *
 * <p>Each test makes one worker hold a blocked task with one more sent behind it: a first
 * blocker keeps the worker busy while the second blocker and the task behind it are queued;
 * when the first is let go, the conductor takes the second blocker and, the queue holding a
 * task for every worker, sends that task ahead with it.
 */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolPipelineTest {

    @AfterEach
    void noWorkerOutlivesItsPool() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    /** One worker running {@code blocked}, {@code behind} sent ahead of it; returns the worker's pid. */
    private static long blockWithOneBehind(ProcessPoolExecutor pool, SocketGate first, SocketGate second,
                                           List<Future<?>> out, Object behindTask) throws Exception {
        long pid = pool.submit(new Tasks.WhoAmI()).get();
        Future<String> warmUp = pool.submit(first.blocker());
        assertThat(first.awaitStarted(1)).isTrue();
        Future<String> blocked = pool.submit(second.blocker());
        Future<?> behind = pool.submit((dev.multitasking.core.Task<?>) behindTask);
        first.open();
        assertThat(warmUp.get()).isEqualTo("released");
        assertThat(second.awaitStarted(1)).isTrue();
        assertThat(pool.takenAhead()).as("%s", pool).isEqualTo(1);
        out.add(blocked);
        out.add(behind);
        return pid;
    }

    @Test
    void theWorkerCrashes_theTaskAheadFails_theOneBehindRunsOnTheReplacement() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (SocketGate first = new SocketGate(); SocketGate second = new SocketGate()) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            long pid = blockWithOneBehind(pool, first, second, futures, new Tasks.WhoAmI());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> futures.get(0).get(60, TimeUnit.SECONDS)).cause().isInstanceOf(WorkerCrashedException.class);
            assertThat((Long) futures.get(1).get(60, TimeUnit.SECONDS)).isNotEqualTo(pid);
        } finally {
            pool.close();
        }
    }

    @Test
    void shutdownNow_returnsTheTaskSentAhead_neverRun() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (SocketGate first = new SocketGate(); SocketGate second = new SocketGate()) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            blockWithOneBehind(pool, first, second, futures, new Tasks.Square(7));
            List<Runnable> neverStarted = pool.shutdownNow();
            assertThat(neverStarted).containsExactly((Runnable) futures.get(1));
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> futures.get(0).get()).cause().isInstanceOf(InterruptedException.class);
            assertThat(futures.get(1).isDone()).isFalse();
        }
    }

    @Test
    void cancelFalse_onTheTaskBehind_dropsItsResult_andTheWorkerStays() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (SocketGate first = new SocketGate(); SocketGate second = new SocketGate()) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            long pid = blockWithOneBehind(pool, first, second, futures, new Tasks.Square(7));
            assertThat(futures.get(1).cancel(false)).isTrue();
            second.open();
            assertThat(futures.get(0).get()).isEqualTo("released");
            assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
            assertThat(pool.submit(new Tasks.WhoAmI()).get()).isEqualTo(pid);
        } finally {
            pool.close();
        }
    }

    @Test
    void cancelTrue_onTheTaskBehind_spareTheTaskAhead_andStopsIt_whenItStarts() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        try (SocketGate first = new SocketGate(); SocketGate second = new SocketGate(); SocketGate third = new SocketGate()) {
            List<Future<?>> futures = new java.util.ArrayList<>();
            long pid = blockWithOneBehind(pool, first, second, futures, third.blocker());
            assertThat(futures.get(1).cancel(true)).isTrue();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            second.open();
            assertThat(futures.get(0).get()).isEqualTo("released");   // not killed for the task behind it
            assertThatThrownBy(() -> futures.get(1).get()).isInstanceOf(CancellationException.class);
            assertThat(pool.submit(new Tasks.WhoAmI()).get(60, TimeUnit.SECONDS)).isNotEqualTo(pid);
        } finally {
            pool.close();
        }
    }

    @Test
    void nothingIsSentAhead_whileAnotherWorkerCouldTakeIt() throws Exception {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        try (SocketGate first = new SocketGate(); SocketGate second = new SocketGate()) {
            List<Future<String>> busy = List.of(pool.submit(first.blocker()), pool.submit(first.blocker()));
            assertThat(first.awaitStarted(2)).isTrue();
            // Queued while both workers are busy: when they free up, the first conductor to wake
            // must leave the second task to the other worker, not send it ahead to its own.
            Future<String> a = pool.submit(second.blocker());
            Future<String> b = pool.submit(second.blocker());
            first.open();
            assertThat(second.awaitStarted(2)).as("both run at once, on two workers").isTrue();
            assertThat(pool.takenAhead()).isZero();
            second.open();
            for (Future<String> f : List.of(busy.get(0), busy.get(1), a, b)) {
                assertThat(f.get()).isEqualTo("released");
            }
        } finally {
            pool.close();
        }
    }
}
