package dev.multitasking.threads.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * Worker threads that each own a deque of tasks, and steal when their own runs dry.
 *
 * <ul>
 *   <li>A task submitted by one of this pool's workers goes to the <em>tail</em> of that worker's
 *       deque, and the worker takes from the tail too (last in, first out): the newest task is
 *       the one whose data is still in cache, and a divide-and-conquer task's children run
 *       depth-first, so the number of pending tasks stays small.</li>
 *   <li>A task submitted from outside goes to a shared FIFO inbox.</li>
 *   <li>An idle worker looks at its own deque, then the inbox, then steals from the
 *       <em>head</em> of another worker's deque: the oldest task there, usually the largest piece
 *       of a split, so one steal buys much work and thief and owner rarely meet at one end.</li>
 *   <li>A worker that waits on a {@code Future} of this pool ({@code get()}) runs other tasks
 *       while it waits, instead of blocking: a task that splits itself and waits for its halves
 *       cannot starve the pool, which is exactly how a {@link FixedThreadPool} deadlocks.</li>
 * </ul>
 *
 * <p>Run state, shutdown and rejection follow {@link java.util.concurrent.ExecutorService}, as in
 * {@link FixedThreadPool}. {@code pending} counts tasks queued or being queued; workers exit after
 * shutdown only when it reaches zero, which is what keeps a task submitted while the pool shuts
 * down from being lost (see {@link #execute}).
 */
public final class WorkStealingThreadPool extends LifecycleExecutorService {

    /** A task with its submission number: shutdownNow returns the unstarted ones in that order. */
    private record Job(long sequence, Runnable task) {
    }

    private final class Worker extends Thread {
        final ConcurrentLinkedDeque<Job> deque = new ConcurrentLinkedDeque<>();
        final int index;

        Worker(int index) {
            super(name + "-worker-" + (index + 1));
            this.index = index;
        }

        WorkStealingThreadPool pool() {
            return WorkStealingThreadPool.this;
        }

        @Override
        public void run() {
            work(this);
        }
    }

    private final int capacity;
    private final Rejection rejection;
    private final Worker[] workers;
    private final ConcurrentLinkedQueue<Job> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    /** Bumped after every push; an idle worker sleeps only if it has not moved since its last scan. */
    private final AtomicLong pushes = new AtomicLong();

    private final Condition workAvailable = lock.newCondition();
    private final Condition roomAvailable = lock.newCondition();
    private volatile int idle;          // workers asleep on workAvailable; written under lock
    private volatile int blocked;       // submitters asleep on roomAvailable; written under lock
    private int live;                   // guarded by lock

    /** {@code threads} workers, no bound on waiting tasks. */
    public WorkStealingThreadPool(String name, int threads) {
        this(name, threads, Integer.MAX_VALUE, Rejection.ABORT);
    }

    /**
     * @param name      names the workers: {@code <name>-worker-1}, ...
     * @param threads   how many workers, at least 1
     * @param capacity  how many tasks may wait, in all deques and the inbox together
     * @param rejection what a submit does when that many wait
     */
    public WorkStealingThreadPool(String name, int threads, int capacity, Rejection rejection) {
        super(Objects.requireNonNull(name));
        if (threads < 1 || capacity < 1) {
            throw new IllegalArgumentException("need at least 1 thread and a capacity of at least 1, got " + threads + " and " + capacity);
        }
        this.capacity = capacity;
        this.rejection = Objects.requireNonNull(rejection);
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(i);
        }
        this.live = threads;
        for (Worker w : workers) {
            w.start();
        }
    }

    private Worker currentWorker() {
        return Thread.currentThread() instanceof Worker w && w.pool() == this ? w : null;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        Worker self = currentWorker();
        if (!reserve(task, self)) {
            task.run();   // caller runs
            return;
        }
        // The reservation (pending + 1) comes before this read of the state, and a worker reads
        // the state before pending: so either we see the shutdown and take the slot back, or
        // every worker that saw the shutdown also sees our slot and stays for the task.
        if (state != RUNNING) {
            release();
            throw new RejectedExecutionException(name + " is shut down; rejected " + task);
        }
        Job job = new Job(sequence.getAndIncrement(), task);
        if (self != null) {
            self.deque.addLast(job);
        } else {
            inbox.add(job);
        }
        // shutdownNow may have drained the queues between our state check and the push: take the
        // job back and refuse it, unless a worker or the drain got it first (then it is accounted for).
        if (state >= STOP && (self != null ? self.deque.removeLastOccurrence(job) : inbox.remove(job))) {
            release();
            throw new RejectedExecutionException(name + " is shut down; rejected " + task);
        }
        pushes.incrementAndGet();
        if (idle > 0) {
            lock.lock();
            try {
                workAvailable.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes a slot for one task; false when the caller should run it itself. */
    private boolean reserve(Runnable task, Worker self) {
        if (capacity == Integer.MAX_VALUE) {
            pending.incrementAndGet();
            return true;
        }
        while (true) {
            int p = pending.get();
            if (p < capacity) {
                if (pending.compareAndSet(p, p + 1)) {
                    return true;
                }
                continue;
            }
            if (state != RUNNING) {
                throw new RejectedExecutionException(name + " is shut down; rejected " + task);
            }
            if (rejection == Rejection.ABORT) {
                throw new RejectedExecutionException(name + " has " + capacity + " tasks waiting (full); rejected " + task);
            }
            if (rejection == Rejection.CALLER_RUNS || self != null) {
                return false;
            }
            lock.lock();
            try {
                blocked++;
                try {
                    while (pending.get() >= capacity && state == RUNNING) {
                        roomAvailable.await();
                    }
                } finally {
                    blocked--;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while waiting for room in " + name, e);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A slot is free again: a task was taken, or a reservation given back. */
    private void release() {
        int left = pending.decrementAndGet();
        if ((left == 0 && state != RUNNING) || blocked > 0) {
            lock.lock();
            try {
                if (left == 0 && state != RUNNING) {
                    workAvailable.signalAll();   // idle workers may exit now
                }
                roomAvailable.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Own deque's tail, then the inbox, then another deque's head; null when all are empty. */
    private Job find(Worker self) {
        Job job = self.deque.pollLast();
        if (job == null) {
            job = inbox.poll();
        }
        if (job == null) {
            int n = workers.length;
            int start = ThreadLocalRandom.current().nextInt(n);
            for (int i = 0; i < n && job == null; i++) {
                Worker victim = workers[(start + i) % n];
                if (victim != self) {
                    job = victim.deque.pollFirst();
                }
            }
        }
        if (job != null) {
            release();
        }
        return job;
    }

    private void work(Worker self) {
        try {
            while (true) {
                long seen = pushes.get();
                Job job = state >= STOP ? null : find(self);
                if (job != null) {
                    runJob(job);
                    continue;
                }
                lock.lock();
                try {
                    if (state >= STOP || (state == SHUTDOWN && pending.get() == 0)) {
                        return;
                    }
                    idle++;
                    // Written idle, then read pushes; a submitter writes pushes, then reads idle:
                    // one of us sees the other, so no push goes unnoticed while we sleep.
                    if (pushes.get() == seen) {
                        workAvailable.awaitUninterruptibly();
                    }
                    idle--;
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            lock.lock();
            try {
                live--;
                if (live == 0 && state != RUNNING) {
                    terminate();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void runJob(Job job) {
        // Clear a stale interrupt unless stopping, as FixedThreadPool does.
        if (state >= STOP) {
            Thread.currentThread().interrupt();
        } else {
            Thread.interrupted();
        }
        try {
            job.task().run();
        } catch (Throwable t) {
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), t);
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new HelpingFuture<>(callable, callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new HelpingFuture<>(() -> {
            runnable.run();
            return value;
        }, runnable);
    }

    /** A future whose {@code get()}, called on one of this pool's workers, runs other tasks while it waits. */
    private final class HelpingFuture<T> extends FutureTask<T> {
        private final Object task;

        HelpingFuture(Callable<T> callable, Object task) {
            super(callable);
            this.task = task;
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            help(Long.MAX_VALUE);
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            help(deadline);
            return super.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        private void help(long deadline) {
            Worker self = currentWorker();
            while (self != null && !isDone() && state < STOP && System.nanoTime() - deadline < 0) {
                Job job = find(self);
                if (job == null) {
                    return;   // nothing to do but wait: whoever runs our task is on it
                }
                runJob(job);
            }
        }

        @Override
        public String toString() {
            return String.valueOf(task);
        }
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            advanceTo(SHUTDOWN);
            workAvailable.signalAll();
            roomAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Job> drained = new ArrayList<>();
        lock.lock();
        try {
            advanceTo(STOP);
            for (Job j; (j = inbox.poll()) != null; ) {
                drained.add(j);
            }
            for (Worker w : workers) {
                for (Job j; (j = w.deque.pollFirst()) != null; ) {
                    drained.add(j);
                }
            }
            pending.addAndGet(-drained.size());
            workAvailable.signalAll();
            roomAvailable.signalAll();
            for (Worker w : workers) {
                w.interrupt();
            }
        } finally {
            lock.unlock();
        }
        drained.sort(Comparator.comparingLong(Job::sequence));
        return drained.stream().map(Job::task).toList();
    }

    /** Tasks waiting now, in all deques and the inbox. */
    @Override
    public int queued() {
        return Math.max(0, pending.get());
    }

    @Override
    int threads() {
        return workers.length;
    }
}
