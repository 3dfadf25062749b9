package dev.multitasking.testkit;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * What the capability contracts ({@link RunnableContract}, {@link BoundedQueueContract},
 * {@link InPoolSubmitContract}, {@link SharedMemoryStressContract}) need from the test that runs
 * them: {@link ExecutorServiceContract} provides it, and closes every pool and helper thread after
 * each test.
 */
public interface PoolFixture {

    /** A new pool of {@code threads} workers, closed after the test. */
    ExecutorService pool(int threads);

    /** Closes {@code pool} after the test, with the others. */
    ExecutorService track(ExecutorService pool);

    /** This test's gate, opened after the test. */
    ExecutorServiceContract.Gate gate();

    /** Occupies {@code threads} workers with blockers; returns once all have started. */
    List<Future<String>> occupy(ExecutorService pool, int threads) throws InterruptedException;

    /** A platform thread for the test, joined (and required to end) after it. */
    Thread startThread(Runnable body);
}
