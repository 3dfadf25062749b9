package dev.multitasking.threads;

import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import java.util.concurrent.Executors;

/**
 * A virtual thread per task (Java 21): threads cheap enough to make one per request. A virtual
 * thread blocked in I/O gives its carrier back, so ten thousand waiting requests need a handful
 * of platform threads; CPU-bound tasks still share the cores.
 */
public final class VirtualStrategy implements Strategy {

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public String description() {
        return "a virtual thread per task (Executors.newThreadPerTaskExecutor)";
    }

    @Override
    public boolean takesWorkers() {
        return false;
    }

    @Override
    public Workers start(int workers) {
        return new ExecutorWorkers(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name() + "-", 1).factory()));
    }
}
