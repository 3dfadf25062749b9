package dev.multitasking.threads;

import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import dev.multitasking.threads.pool.WorkStealingThreadPool;

/** The hand-written {@link WorkStealingThreadPool}: a deque per worker, idle workers steal. */
public final class StealingStrategy implements Strategy {

    @Override
    public String name() {
        return "stealing";
    }

    @Override
    public String description() {
        return "WorkStealingThreadPool (hand-written): a deque per thread, idle threads steal";
    }

    @Override
    public Workers start(int workers) {
        return new ExecutorWorkers(new WorkStealingThreadPool(name(), workers));
    }
}
