package dev.multitasking.threads;

import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import java.util.concurrent.Executors;

/**
 * The JDK's cached pool: a new thread whenever none is idle, reused for 60 s. No worker count: a
 * burst of blocking tasks gets as many threads as it has tasks.
 */
public final class JdkCachedStrategy implements Strategy {

    @Override
    public String name() {
        return "jdk-cached";
    }

    @Override
    public String description() {
        return "Executors.newCachedThreadPool: a thread for every task that finds none idle";
    }

    @Override
    public boolean takesWorkers() {
        return false;
    }

    @Override
    public Workers start(int workers) {
        return new ExecutorWorkers(Executors.newCachedThreadPool(Thread.ofPlatform().name(name() + "-worker-", 1).factory()));
    }
}
