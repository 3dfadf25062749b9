package dev.multitasking.cluster;

import dev.multitasking.core.Task;

/** n squared, after a nap: long enough that a member can be killed while running one. */
record SlowSquare(int n, long millis) implements Task<Integer> {
    @Override
    public Integer call() throws InterruptedException {
        Thread.sleep(millis);
        return n * n;
    }
}
