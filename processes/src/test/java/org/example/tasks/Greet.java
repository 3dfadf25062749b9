package org.example.tasks;

import dev.multitasking.core.Task;

/**
 * A library user's task, in a package of its own (outside the project's): it crosses into a
 * worker JVM only when the pool admits {@code org.example}.
 */
public record Greet(String name) implements Task<Greet.Greeting> {

    /** The user's own result type. */
    public record Greeting(String text, long pid) implements java.io.Serializable {
    }

    @Override
    public Greeting call() {
        return new Greeting("hello, " + name, ProcessHandle.current().pid());
    }
}
