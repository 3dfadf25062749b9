package dev.multitasking.threads.pool;

/**
 * What a pool with a bounded queue does with a task that arrives when the queue is full: the
 * back-pressure Python's pools lack (cpython issue 73781, where an unbounded queue grows until
 * memory runs out). After shutdown every policy rejects.
 */
public enum Rejection {
    /** Throw {@link java.util.concurrent.RejectedExecutionException} at once. */
    ABORT,
    /** Run the task on the submitting thread: the producer slows down to the pool's pace. */
    CALLER_RUNS,
    /**
     * Wait until there is room. A task submitted from one of the pool's own workers runs on that
     * worker instead, since waiting there could wait forever.
     */
    BLOCK
}
