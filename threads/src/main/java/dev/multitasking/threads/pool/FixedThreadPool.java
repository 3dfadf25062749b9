package dev.multitasking.threads.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;

/**
 * A fixed number of worker threads taking tasks from one shared FIFO queue: the pool the lecture
 * builds from a queue, with the whole {@link java.util.concurrent.ExecutorService} contract.
 *
 * <p>One lock guards the queue and the run state together. That is what makes {@code execute}
 * racing {@code shutdown} safe: a task is either in the queue before the state changes (and then
 * runs) or sees the new state (and is rejected); never both, never neither. It is also this
 * pool's limit: every submit and every take meet at the same lock, which a
 * {@link WorkStealingThreadPool} avoids.
 *
 * <p>Workers are started by the constructor and named {@code <name>-worker-<n>}. A task that
 * throws is reported to the worker's uncaught-exception handler and the worker goes on.
 */
public final class FixedThreadPool extends LifecycleExecutorService {

    private final int capacity;
    private final Rejection rejection;
    private final List<Thread> workers;

    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Guarded by {@code lock}. */
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Workers not yet exited; guarded by {@code lock}. */
    private int live;
    /**
     * Workers not running a task: a task one of them is about to take does not count against the
     * capacity, as {@code ThreadPoolExecutor} hands a task straight to a new worker. Guarded by
     * {@code lock}.
     */
    private int free;

    /** {@code threads} workers on an unbounded queue. */
    public FixedThreadPool(String name, int threads) {
        this(name, threads, Integer.MAX_VALUE, Rejection.ABORT);
    }

    /**
     * @param name      names the workers: {@code <name>-worker-1}, ...
     * @param threads   how many workers, at least 1
     * @param capacity  how many tasks may wait in the queue, at least 1
     * @param rejection what a submit does when the queue is full
     */
    public FixedThreadPool(String name, int threads, int capacity, Rejection rejection) {
        super(Objects.requireNonNull(name));
        if (threads < 1 || capacity < 1) {
            throw new IllegalArgumentException("need at least 1 thread and a capacity of at least 1, got " + threads + " and " + capacity);
        }
        this.capacity = capacity;
        this.rejection = Objects.requireNonNull(rejection);
        List<Thread> started = new ArrayList<>(threads);
        var factory = Thread.ofPlatform().name(name + "-worker-", 1).factory();
        for (int i = 0; i < threads; i++) {
            started.add(factory.newThread(this::work));
        }
        this.workers = List.copyOf(started);
        this.live = threads;
        this.free = threads;
        workers.forEach(Thread::start);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            while (true) {
                if (state != RUNNING) {
                    throw new RejectedExecutionException(name + " is shut down; rejected " + task);
                }
                if (queue.size() - free < capacity) {
                    queue.addLast(task);
                    notEmpty.signal();
                    return;
                }
                if (rejection == Rejection.ABORT) {
                    throw new RejectedExecutionException(name + " has " + capacity + " tasks waiting (full); rejected " + task);
                }
                if (rejection == Rejection.CALLER_RUNS || workers.contains(Thread.currentThread())) {
                    break;
                }
                try {
                    notFull.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RejectedExecutionException("interrupted while waiting for room in " + name, e);
                }
            }
        } finally {
            lock.unlock();
        }
        task.run();   // caller runs: outside the lock, on the submitting thread
    }

    private void work() {
        try {
            for (Runnable task = take(false); task != null; task = take(true)) {
                // A stale interrupt (from a cancel that lost its race with completion) must not
                // reach the next task; after shutdownNow every task must see one.
                if (state >= STOP) {
                    Thread.currentThread().interrupt();
                } else {
                    Thread.interrupted();
                }
                try {
                    task.run();
                } catch (Throwable t) {
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), t);
                }
            }
        } finally {
            lock.lock();
            try {
                live--;
                tryTerminate();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next task, or null when this worker should exit; {@code ranOne}: the worker has just finished a task. */
    private Runnable take(boolean ranOne) {
        lock.lock();
        try {
            if (ranOne) {
                free++;
                notFull.signal();
            }
            while (true) {
                if (state >= STOP) {
                    return null;
                }
                Runnable task = queue.pollFirst();
                if (task != null) {
                    free--;
                    return task;
                }
                if (state == SHUTDOWN) {
                    return null;
                }
                // Uninterruptibly: every state change signals this condition, and an interrupt
                // meant for a task is cleared before the next one runs.
                notEmpty.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void tryTerminate() {
        if (state >= SHUTDOWN && state != TERMINATED && live == 0 && (state == STOP || queue.isEmpty())) {
            terminate();
        }
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            advanceTo(SHUTDOWN);
            notEmpty.signalAll();
            notFull.signalAll();
            tryTerminate();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        lock.lock();
        try {
            advanceTo(STOP);
            List<Runnable> neverStarted = new ArrayList<>(queue);
            queue.clear();
            notEmpty.signalAll();
            notFull.signalAll();
            workers.forEach(Thread::interrupt);
            tryTerminate();
            return neverStarted;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting in the queue now. */
    @Override
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    int threads() {
        return workers.size();
    }
}
