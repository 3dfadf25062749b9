package dev.multitasking.threads.pool;

import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The run state both hand-written pools share: running, shut down (no new tasks, queued ones
 * still run), stopping (nothing more runs), terminated (every worker has exited); the lock that
 * guards its changes; and the waiting for termination. The pools own their queues and workers.
 *
 * <p>Terminated means every worker has left its loop: none runs a task or will take one, and each
 * thread ends a moment later, the last one just after it reports termination. An idle pool is
 * therefore not terminated the instant {@code shutdown()} returns: its workers wake and leave
 * first, which {@link #awaitTermination} waits for. {@code ThreadPoolExecutor} does the same.
 */
abstract class LifecycleExecutorService extends AbstractExecutorService {

    static final int RUNNING = 0;
    static final int SHUTDOWN = 1;
    static final int STOP = 2;
    static final int TERMINATED = 3;
    private static final String[] STATE_NAMES = {"running", "shut down", "stopping", "terminated"};

    final String name;
    final ReentrantLock lock = new ReentrantLock();
    private final Condition terminated = lock.newCondition();
    /** Written under {@code lock}; volatile so that hot paths can read it without the lock. */
    volatile int state = RUNNING;

    LifecycleExecutorService(String name) {
        this.name = name;
    }

    /** Moves to {@code target} unless already past it. Call with the lock held. */
    final void advanceTo(int target) {
        if (state < target) {
            state = target;
        }
    }

    /** The last worker has exited. Call with the lock held. */
    final void terminate() {
        state = TERMINATED;
        terminated.signalAll();
    }

    @Override
    public final boolean isShutdown() {
        return state >= SHUTDOWN;
    }

    @Override
    public final boolean isTerminated() {
        return state == TERMINATED;
    }

    @Override
    public final boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (state != TERMINATED) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = terminated.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting now. */
    public abstract int queued();

    /** How many worker threads the pool has. */
    abstract int threads();

    @Override
    public String toString() {
        return name + "[" + threads() + " workers, " + STATE_NAMES[state] + ", " + queued() + " queued]";
    }
}
