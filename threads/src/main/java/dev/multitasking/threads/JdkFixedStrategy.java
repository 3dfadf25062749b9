package dev.multitasking.threads;

import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;

/** The JDK's own fixed pool: N platform threads taking tasks from one shared queue. */
public final class JdkFixedStrategy implements Strategy {

    @Override
    public String name() {
        return "jdk-fixed";
    }

    @Override
    public String description() {
        return "Executors.newFixedThreadPool: N platform threads on one shared queue";
    }

    @Override
    public Workers start(int workers) {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name(name() + "-worker-", 1).factory());
        // Threads start now, so that the run's start-up time holds their cost and the work does not.
        pool.prestartAllCoreThreads();
        return new ExecutorWorkers(pool);
    }
}
