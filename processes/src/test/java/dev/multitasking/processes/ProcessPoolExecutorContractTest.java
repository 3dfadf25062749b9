package dev.multitasking.processes;

import dev.multitasking.core.Task;
import dev.multitasking.threads.ExecutorServiceContract;
import dev.multitasking.threads.pool.Rejection;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The thread pools' contract, on worker JVMs. Its tasks become {@link Task} records that travel to
 * the workers, and its gate a loopback socket. What cannot apply across processes is switched off
 * below, each with the reason; the tests that stand in for it are named there.
 */
class ProcessPoolExecutorContractTest extends ExecutorServiceContract {

    private static final String NO_RUNNABLES = "A process pool refuses a Runnable (it cannot cross into a worker JVM): "
            + "ProcessPoolExecutorTest.notATask_isRefusedNamingItsClass checks the refusal";

    @Override
    protected ExecutorService newPool(int threads) {
        return new ProcessPoolExecutor(threads);
    }

    @Override
    protected ExecutorService newBoundedPool(int threads, int capacity, Rejection rejection) {
        throw new UnsupportedOperationException("the process pool has no bounded queue");
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

    @Test
    @Disabled(NO_RUNNABLES)
    @Override
    protected void execute_runsTheTask() {
    }

    @Test
    @Disabled(NO_RUNNABLES)
    @Override
    protected void submit_runnable_futureGivesTheGivenValue() {
    }

    @Test
    @Disabled(NO_RUNNABLES + "; submit_taskThrows_getThrowsItsCause_andThePoolKeepsWorking covers a throwing task")
    @Override
    protected void execute_taskThrows_workerSurvivesAndRunsMore() {
    }

    @Test
    @Disabled(NO_RUNNABLES + "; shutdownNow_returnsExactlyTheUnstartedTasksInOrder_andInterruptsTheRunningOne covers submitted tasks")
    @Override
    protected void shutdownNow_executedRunnables_comeBackAsTheSameObjects() {
    }

    private static final String NO_BOUND = "The process pool has no bounded queue: back-pressure belongs to the thread pools";

    @Test
    @Disabled(NO_BOUND)
    @Override
    protected void bounded_abort_rejectsWhenTheQueueIsFull() {
    }

    @Test
    @Disabled(NO_BOUND)
    @Override
    protected void bounded_callerRuns_runsOnTheSubmittingThread() {
    }

    @Test
    @Disabled(NO_BOUND)
    @Override
    protected void bounded_block_waitsForRoom_thenQueues() {
    }

    @Test
    @Disabled(NO_BOUND)
    @Override
    protected void bounded_block_aSubmitterWaitingForRoom_isRejectedWhenThePoolShutsDown() {
    }

    private static final String NO_STRESS = "The stress tests count runs in Runnables sharing this JVM's memory; "
            + "ProcessPoolReliabilityTest checks that every task ends exactly once under random worker kills";

    @Test
    @Disabled(NO_STRESS)
    @Override
    protected void stress_manyTasksFromEightThreads_eachRunsExactlyOnce() {
    }

    @Test
    @Disabled(NO_STRESS)
    @Override
    protected void stress_submitRacingShutdown_acceptedRunOnce_refusedThrow() {
    }
}
