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
 *   <li>A worker that waits on a {@code Future} of this pool (an untimed {@code get()}) runs
 *       other tasks while it waits, instead of blocking: a task that splits itself and waits for
 *       its halves cannot starve the pool, which is exactly how a {@link FixedThreadPool}
 *       deadlocks. Helping keeps the {@code Future} contract (see {@code HelpingFuture}).</li>
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
        /**
         * The task this worker is inside now: the one it took from a queue, or, while it helps in
         * a {@code get()}, the one it runs on that task's behalf. Changed and read under this
         * worker's monitor, so that a {@code cancel(true)} interrupts the thread only while the
         * cancelled task is the one running on it (see {@link #interruptFor}).
         */
        private Runnable current;

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

        /**
         * Starts running {@code task} on behalf of the task now current. True when the thread was
         * interrupted before the switch: that interrupt was for the current task, and is taken
         * out of the thread so that {@code task} does not see it.
         */
        boolean enter(Runnable task) {
            synchronized (this) {
                boolean interrupted = Thread.interrupted();
                current = task;
                return interrupted;
            }
        }

        /**
         * Back in {@code outer} after a task ran (null: between tasks). The interrupt status that
         * task left was its own and is cleared, unless the pool is stopping: then every task
         * must see one.
         */
        void leave(Runnable outer) {
            synchronized (this) {
                if (state >= STOP) {
                    interrupt();
                } else {
                    Thread.interrupted();
                }
                current = outer;
            }
        }

        /** Runs {@code task} (what it throws goes to this thread's handler, and the worker goes on), then goes back to {@code outer}. */
        void runThenLeave(Runnable task, Runnable outer) {
            try {
                task.run();
            } catch (Throwable t) {
                getUncaughtExceptionHandler().uncaughtException(this, t);
            } finally {
                leave(outer);
            }
        }

        /** Makes {@code task} the current one (a future whose run starts or ends); returns the one before. */
        Runnable swap(Runnable task) {
            synchronized (this) {
                Runnable before = current;
                current = task;
                return before;
            }
        }

        /** Interrupts the task {@code f} this worker runs: the thread if f is what runs now, else a mark f sees when the worker comes back to it. */
        void interruptFor(HelpingFuture<?> f) {
            synchronized (this) {
                if (current == f) {
                    interrupt();
                } else {
                    f.interruptedWhileHelping = true;
                }
            }
        }
    }

    private final int capacity;
    private final Rejection rejection;
    private final Worker[] workers;
    private final ConcurrentLinkedQueue<Job> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    /**
     * Tasks waiting beyond the workers free to take them: queued tasks minus workers not running
     * a task. A bounded pool accepts a task while this is below its capacity, so a task that an
     * idle worker is about to take does not count as waiting, as {@code ThreadPoolExecutor} hands
     * a task straight to a new worker. A worker taking a task leaves it unchanged (one task less
     * waiting, one worker less free); a worker finishing one lowers it.
     */
    private final AtomicInteger load;
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
        this.load = new AtomicInteger(-threads);
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
            int l = load.get();
            if (l < capacity) {
                if (load.compareAndSet(l, l + 1)) {
                    pending.incrementAndGet();
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
                    while (load.get() >= capacity && state == RUNNING) {
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

    /** A reservation given back: the task was refused after all. */
    private void release() {
        changed(pending.decrementAndGet(), lighten());
    }

    /** A task was taken from a queue: by a free worker (waiting tasks and free workers both drop by one), or by one helping in a get. */
    private void taken(boolean helping) {
        changed(pending.decrementAndGet(), helping && lighten());
    }

    /** A worker finished the task it took from a queue and is free again. */
    private void finished() {
        if (lighten() && blocked > 0) {
            changed(1, true);
        }
    }

    /** One task less waiting beyond the free workers; true when a bounded pool has room again. */
    private boolean lighten() {
        return capacity != Integer.MAX_VALUE && load.decrementAndGet() < capacity;
    }

    private void changed(int pendingLeft, boolean roomGrew) {
        boolean mayExit = pendingLeft == 0 && state != RUNNING;
        if (mayExit || roomGrew && blocked > 0) {
            lock.lock();
            try {
                if (mayExit) {
                    workAvailable.signalAll();   // idle workers may exit now
                }
                roomAvailable.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Own deque's tail, then the inbox, then another deque's head; null when all are empty. */
    private Job find(Worker self, boolean helping) {
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
            taken(helping);
        }
        return job;
    }

    private void work(Worker self) {
        try {
            while (true) {
                long seen = pushes.get();
                Job job = state >= STOP ? null : find(self, false);
                if (job != null) {
                    runJob(self, job);
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

    /** Runs a task taken from a queue. */
    private void runJob(Worker self, Job job) {
        synchronized (self) {
            // A stale interrupt (from a cancel that lost its race with completion) must not reach
            // the next task; after shutdownNow every task must see one.
            if (state >= STOP) {
                self.interrupt();
            } else {
                Thread.interrupted();
            }
            self.current = job.task();
        }
        self.runThenLeave(job.task(), null);
        finished();
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

    /**
     * A future whose untimed {@code get()}, called on one of this pool's workers, runs other tasks
     * while it waits, keeping every guarantee of {@link FutureTask}:
     * <ul>
     *   <li>a thread interrupted before it waits gets {@link InterruptedException}, as with any
     *       future, and nothing runs on its behalf;</li>
     *   <li>a {@code cancel(true)} of the task that waits interrupts that task, not the task its
     *       worker runs for it: the worker finishes the helped task, then the waiting
     *       {@code get()} throws {@link InterruptedException};</li>
     *   <li>a timed {@code get} never helps: a helped task may take longer than the timeout, and
     *       a timed wait cannot deadlock, it times out.</li>
     * </ul>
     */
    private final class HelpingFuture<T> extends FutureTask<T> {
        private final Object task;
        /** The thread inside {@link #run()} now; guarded by this future's monitor. */
        private Thread runner;
        /** Set by a {@code cancel(true)} that came while its worker ran another task on its behalf. */
        volatile boolean interruptedWhileHelping;

        HelpingFuture(Callable<T> callable, Object task) {
            super(callable);
            this.task = task;
        }

        @Override
        public void run() {
            Thread me = Thread.currentThread();
            boolean mine;
            synchronized (this) {
                mine = runner == null && !isDone();
                if (mine) {
                    runner = me;
                }
            }
            // On a worker this future is now what runs, even inside a wrapper that a worker took
            // from a queue (ExecutorCompletionService's, say): a cancel(true) interrupts it there.
            Worker w = mine ? currentWorker() : null;
            Runnable before = w != null ? w.swap(this) : null;
            try {
                super.run();
            } finally {
                if (w != null) {
                    w.swap(before);
                }
                if (mine) {
                    // After this, no cancel(true) of this future can interrupt the thread: its
                    // interrupt never reaches whatever the thread runs next.
                    synchronized (this) {
                        runner = null;
                    }
                }
            }
        }

        /** Interrupts the task itself, wherever its thread is (see {@link Worker#interruptFor}). */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (!super.cancel(false)) {
                return false;
            }
            if (mayInterruptIfRunning) {
                synchronized (this) {
                    Thread t = runner;
                    if (t instanceof Worker w && w.pool() == WorkStealingThreadPool.this) {
                        w.interruptFor(this);
                    } else if (t != null) {
                        t.interrupt();
                    }
                }
            }
            return true;
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            if (!isDone()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Worker self = currentWorker();
                if (self != null) {
                    help(self);
                }
            }
            return super.get();
        }

        /** Runs queued tasks until this future is done, there are none, or the waiting task is interrupted. */
        private void help(Worker self) throws InterruptedException {
            Runnable outer = self.current;   // only this thread writes it
            HelpingFuture<?> waiting = outer instanceof HelpingFuture<?> h ? h : null;
            boolean interrupted = false;
            while (!isDone() && state < STOP && !interrupted && (waiting == null || !waiting.interruptedWhileHelping)) {
                Job job = find(self, true);
                if (job == null) {
                    break;   // nothing to do but wait: whoever runs our task is on it
                }
                interrupted = self.enter(job.task());
                self.runThenLeave(job.task(), outer);
            }
            if (waiting != null && waiting.interruptedWhileHelping) {
                waiting.interruptedWhileHelping = false;   // from here on a cancel(true) interrupts this thread directly
                interrupted = true;
            }
            if (interrupted || Thread.interrupted()) {
                if (!isDone()) {
                    throw new InterruptedException("interrupted while waiting for " + this);
                }
                Thread.currentThread().interrupt();   // done after all: the value, and the interrupt kept
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
            if (capacity != Integer.MAX_VALUE) {
                load.addAndGet(-drained.size());
            }
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
