package dev.multitasking.cluster;

import dev.multitasking.core.Task;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Squares {@code n} slowly. With a directory, it first leaves a file there named after its
 * member's pid and {@code n}: a test's signal that tasks are running, and where.
 */
record SlowSquare(int n, long millis, String marks) implements Task<Integer> {

    SlowSquare(int n, long millis) {
        this(n, millis, null);
    }

    @Override
    public Integer call() throws Exception {
        if (marks != null) {
            Files.writeString(Path.of(marks, ProcessHandle.current().pid() + "-" + n), "");
        }
        Thread.sleep(millis);
        return n * n;
    }
}
