package dev.multitasking.threads;

import dev.multitasking.testkit.BoundedQueueContract;
import dev.multitasking.testkit.BoundedQueueContract.WhenFull;
import dev.multitasking.testkit.ExecutorServiceContract;
import dev.multitasking.testkit.InPoolSubmitContract;
import dev.multitasking.testkit.RunnableContract;
import dev.multitasking.testkit.SharedMemoryStressContract;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The JDK's own pool passes the suite: proof that the suite asks nothing the JDK does not promise. */
class ThreadPoolExecutorContractTest extends ExecutorServiceContract
        implements RunnableContract, BoundedQueueContract, InPoolSubmitContract, SharedMemoryStressContract {

    @Override
    protected ExecutorService newPool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("jdk-worker-", 1).factory());
    }

    @Override
    public ExecutorService newBoundedPool(int threads, int capacity, WhenFull rejection) {
        RejectedExecutionHandler handler = switch (rejection) {
            case ABORT -> new ThreadPoolExecutor.AbortPolicy();
            case CALLER_RUNS -> new ThreadPoolExecutor.CallerRunsPolicy();
            // The JDK has no blocking policy; this one waits for room, and gives up on shutdown.
            case BLOCK -> (task, pool) -> {
                try {
                    while (!pool.getQueue().offer(task, 10, TimeUnit.MILLISECONDS)) {
                        if (pool.isShutdown()) {
                            throw new RejectedExecutionException("shut down while waiting for room");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RejectedExecutionException(e);
                }
            };
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                Thread.ofPlatform().name("jdk-worker-", 1).factory(), handler);
    }
}
