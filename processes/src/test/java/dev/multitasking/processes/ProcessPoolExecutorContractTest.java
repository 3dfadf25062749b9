package dev.multitasking.processes;

import dev.multitasking.core.Task;
import dev.multitasking.testkit.BoundedQueueContract;
import dev.multitasking.testkit.ExecutorServiceContract;
import dev.multitasking.testkit.InPoolSubmitContract;
import dev.multitasking.testkit.RunnableContract;
import dev.multitasking.testkit.SharedMemoryStressContract;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The executor contract, on worker JVMs: its tasks become {@link Task} records that travel to the
 * workers, and its gate a loopback socket. The capability contracts that cannot apply across
 * processes are not implemented, for these reasons:
 * <ul>
 *   <li>{@code RunnableContract}: a bare {@code Runnable} cannot cross into a worker JVM, so it is
 *       refused ({@code ProcessPoolExecutorTest.notATask_isRefusedNamingItsClass}); the JDK's
 *       own wrappers of a pool's futures do run ({@code completionService_*} and
 *       {@code completableFuture_*} in the contract).</li>
 *   <li>{@code BoundedQueueContract}: the pool has no bounded queue; back-pressure belongs to the
 *       thread pools.</li>
 *   <li>{@code InPoolSubmitContract}: a task in a worker JVM has no handle on the parent's pool.</li>
 *   <li>{@code SharedMemoryStressContract}: its tasks count runs in this JVM's memory;
 *       {@code ProcessPoolReliabilityTest} checks that every task ends exactly once under random
 *       worker kills, and {@code submit_fromEightThreadsAtOnce_*} that every future gets its own
 *       answer.</li>
 * </ul>
 */
class ProcessPoolExecutorContractTest extends ExecutorServiceContract {

    @Override
    protected ExecutorService newPool(int threads) {
        return new ProcessPoolExecutor(threads);
    }

    @Override
    protected int tasksPerSubmitter() {
        return 500;
    }

    record Answer<T extends Serializable>(T value) implements Task<T> {
        @Override
        public T call() {
            return value;
        }
    }

    record ReportsInterrupted() implements Task<Boolean> {
        @Override
        public Boolean call() {
            return Thread.currentThread().isInterrupted();
        }
    }

    @Override
    protected <T extends Serializable> Callable<T> answer(T value) {
        return new Answer<>(value);
    }

    @Override
    protected Callable<Integer> failing(String message) {
        return new Tasks.Fails(message);
    }

    @Override
    protected Callable<Boolean> reportsInterrupted() {
        return new ReportsInterrupted();
    }

    @Override
    protected Gate newGate() {
        return new SocketGate();
    }
}
