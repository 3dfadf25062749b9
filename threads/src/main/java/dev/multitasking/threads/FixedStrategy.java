package dev.multitasking.threads;

import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import dev.multitasking.threads.pool.FixedThreadPool;

/** The hand-written {@link FixedThreadPool}: N workers on one shared queue. */
public final class FixedStrategy implements Strategy {

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public String description() {
        return "FixedThreadPool (hand-written): N threads on one queue behind one lock";
    }

    @Override
    public Workers start(int workers) {
        return new ExecutorWorkers(new FixedThreadPool(name(), workers));
    }
}
