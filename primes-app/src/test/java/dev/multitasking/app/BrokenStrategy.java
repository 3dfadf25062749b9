package dev.multitasking.app;

import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;

/** A strategy, on the test class path only, whose workers never start: a failure with a stack trace. */
public final class BrokenStrategy implements Strategy {

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public String description() {
        return "fails to start (test only)";
    }

    @Override
    public Workers start(int workers) {
        throw new IllegalStateException("broken on purpose");
    }
}
