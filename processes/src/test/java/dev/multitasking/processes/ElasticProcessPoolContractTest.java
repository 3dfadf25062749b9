package dev.multitasking.processes;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The executor contract again, on an elastic pool that starts with no worker and retires idle
 * ones quickly, so that conductors and workers come and go while the contract's tasks run (the
 * JSR-166 TCK runs its {@code ThreadPoolExecutor} tests with a core size below the maximum too).
 */
class ElasticProcessPoolContractTest extends ProcessPoolExecutorContractTest {

    @Override
    protected ExecutorService newPool(int threads) {
        return ProcessPoolExecutor.builder().workers(threads).minWorkers(0).idleTimeout(Duration.ofMillis(100)).name("elastic").build();
    }
}
