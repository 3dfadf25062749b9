package com.example.primes;

import dev.multitasking.core.Task;

/** A task that takes too long: what a per-task time limit is for. */
public record Sleeps(long millis) implements Task<String> {

    @Override
    public String call() throws InterruptedException {
        Thread.sleep(millis);
        return "woke up";
    }
}
