package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The conductors of a {@link ProcessPoolExecutor}: N threads (a {@link ThreadPoolExecutor}, which
 * keeps the queue, the shutdown rules and the list of unstarted tasks), each driving one worker
 * JVM. A conductor takes a task, writes it to its worker as a frame, and reads the reply; while
 * the queue is long it also takes the next task and sends it ahead (see the pool's javadoc). This
 * class holds those rules: the line of tasks each conductor has taken on, what may be sent, and
 * what happens when a worker answers, crashes, or must be stopped.
 */
final class Conductors {

    private static final System.Logger LOG = System.getLogger(ProcessPoolExecutor.class.getName());

    /** What the conductors need from their pool: worker JVMs. */
    interface WorkerSupply {
        /** A worker for a conductor that has none: a spare one, or one launched now. */
        WorkerJvm take() throws IOException;

        /** A spare worker, taken out of the spares, or null when there is none. */
        WorkerJvm takeSpare();

        /** Launches a spare worker, to replace one that is gone before the next task waits for it. */
        void launchSpare() throws IOException;

        /** The last conductor has ended: no worker will be used again. */
        void conductorsEnded();
    }

    private final WorkerJvm.PoolSettings settings;
    private final int maxTasksPerWorker;
    /** Resident bytes past which a worker is retired after a task; 0: no limit. */
    private final long maxWorkerMemory;
    private final WorkerSupply workforce;
    private final PoolStats stats;
    private final ThreadPoolExecutor threads;
    /** Every conductor thread, for {@link #shutdownNow()} to find the tasks they took on ahead. */
    private final Set<Conductor> all = ConcurrentHashMap.newKeySet();
    /** Guards every conductor's line of tasks, and {@link #stopping}. */
    private final Object lines = new Object();
    /** Set by {@link #shutdownNow()}; guarded by {@link #lines}. */
    private boolean stopping;

    /**
     * {@code minWorkers} conductors that stay, and up to {@code maxWorkers} in all: one more starts
     * when a task is queued and no conductor is free for it, and one above the minimum that has
     * been idle for {@code idleTimeout} ends, retiring its worker.
     */
    Conductors(WorkerJvm.PoolSettings settings, int minWorkers, int maxWorkers, Duration idleTimeout, int maxTasksPerWorker,
               long maxWorkerMemory, WorkerSupply workforce, PoolStats stats) {
        this.settings = settings;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.maxWorkerMemory = maxWorkerMemory;
        this.workforce = workforce;
        this.stats = stats;
        AtomicInteger n = new AtomicInteger();
        Waiting queue = new Waiting();
        this.threads = new ThreadPoolExecutor(minWorkers, maxWorkers, idleTimeout.toNanos(), TimeUnit.NANOSECONDS, queue, r -> {
            Conductor c = new Conductor(r, settings.poolName() + "-conductor-" + n.incrementAndGet(), lines, this::ended);
            all.add(c);
            return c;
        }, queue) {
            @Override
            protected void terminated() {
                workforce.conductorsEnded();
            }
        };
        queue.pool = threads;
        threads.prestartAllCoreThreads();   // the minimum, waiting in the queue: counted free before the first task comes
    }

    /** Conductors free for a task now: waiting in the queue, or about to (their last task is being completed). */
    private final AtomicInteger free = new AtomicInteger();

    /**
     * The conductors' queue. It takes a task only when a conductor is free for it, or when no more
     * may start; otherwise it refuses, and the {@link ThreadPoolExecutor} starts a conductor with
     * that task (it grows past its core size only when its queue refuses). The refusal of a pool
     * that is at its maximum after all (another caller got there first) comes back to
     * {@link #rejectedExecution}, which queues the task unless the pool is shut down. A fixed pool
     * (core size at its maximum) never asks: it starts its conductors before it queues.
     */
    @SuppressWarnings("serial")   // a queue of live tasks, never serialized
    private final class Waiting extends LinkedBlockingQueue<Runnable> implements java.util.concurrent.RejectedExecutionHandler {
        private transient ThreadPoolExecutor pool;

        @Override
        public boolean offer(Runnable task) {
            if (pool.getPoolSize() < pool.getMaximumPoolSize() && size() >= free.get()) {
                return false;   // nobody free to take it: a conductor starts with it
            }
            return super.offer(task);
        }

        @Override
        public Runnable take() throws InterruptedException {
            Conductor c = (Conductor) Thread.currentThread();
            c.free(free);
            Runnable task = super.take();
            c.busy(free);
            return task;
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            Conductor c = (Conductor) Thread.currentThread();
            c.free(free);
            Runnable task = super.poll(timeout, unit);
            if (task != null) {
                c.busy(free);
            }
            return task;
        }

        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
            if (!executor.isShutdown()) {
                super.offer(task);
                if (!executor.isShutdown() || !remove(task)) {
                    return;   // queued: a conductor of the pool, at its maximum, takes it
                }
            }
            throw new java.util.concurrent.RejectedExecutionException("the pool " + settings.poolName() + " is shut down");
        }
    }

    /**
     * A conductor ends: idle past the timeout (above the minimum), or the pool ends. The worker it
     * drove, if any, is retired; a conductor without one retires a spare, which would otherwise
     * wait for a conductor that is gone.
     */
    private void ended(Conductor c) {
        c.busy(free);   // no longer free
        all.remove(c);
        WorkerJvm w = c.letGo();
        if (isShutdown()) {
            return;   // the pool retires every worker as its last conductor ends
        }
        if (w == null) {
            w = workforce.takeSpare();
            if (w == null) {
                return;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "[{0}] retiring worker {1}: idle for {2} ms", settings.poolName(), String.valueOf(w.pid()),
                String.valueOf(threads.getKeepAliveTime(TimeUnit.MILLISECONDS)));
        w.retire();
        stats.idled();
    }

    /** A future that runs {@code task} in a worker once a conductor takes it, for at most {@code timeLimitNanos} once started (0: no limit). */
    <T> RemoteFuture<T> futureOf(Task<T> task, long timeLimitNanos) {
        return new RemoteFuture<>(task, timeLimitNanos, this, stats, settings.poolName());
    }

    void execute(Runnable command) {
        threads.execute(command);
    }

    /** The most conductors, and so workers, the pool may have. */
    int size() {
        return threads.getMaximumPoolSize();
    }

    /** Conductors now. */
    int conductors() {
        return threads.getPoolSize();
    }

    int queued() {
        return threads.getQueue().size();
    }

    void shutdown() {
        threads.shutdown();
    }

    /** Stops taking tasks ahead and returns the unstarted ones: those taken on ahead first, then the queued ones. */
    List<Runnable> shutdownNow() {
        synchronized (lines) {
            stopping = true;   // from here on no conductor takes a task ahead
        }
        List<Runnable> queued = threads.shutdownNow();
        List<Runnable> neverStarted = new ArrayList<>();
        synchronized (lines) {
            for (Conductor c : all) {
                neverStarted.addAll(c.line.giveBackAhead());
            }
        }
        neverStarted.addAll(queued);
        return neverStarted;
    }

    boolean isShutdown() {
        return threads.isShutdown();
    }

    boolean isTerminated() {
        return threads.isTerminated();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }

    /** Tasks taken on ahead: sent, or about to be sent, to a worker busy with another. */
    int takenAhead() {
        synchronized (lines) {
            return all.stream().mapToInt(c -> c.line.ahead()).sum();
        }
    }

    /**
     * Runs {@code first} on this conductor's worker, and with it the tasks the conductor takes on
     * ahead while the queue is long: it returns once its line is empty. Every task in the line,
     * {@code first} too, is completed as its reply arrives; the {@code null} returned is then
     * ignored by {@link FutureTask#run()}, which completes a future only once.
     */
    <T> T runRemotely(Task<T> task, RemoteFuture<T> first) throws Exception {
        Conductor c = (Conductor) Thread.currentThread();
        byte[] request = c.encode(task, settings.maxFrame());   // not serializable, or too large: the task fails here, nothing is sent
        c.line.add(new Conductor.Taken(first, request));
        try {
            while (serve(c)) {
                // one reply a turn
            }
        } catch (Throwable t) {   // no worker JVM would start, say: no task this conductor took on may hang
            c.line.clear().forEach(l -> l.future.fail(t));
            throw t;
        } finally {
            WorkerJvm w = c.worker();
            if (w != null && w.isBusy()) {
                // Tasks sent to it were taken back by shutdownNow(): nobody waits for them, so they must not run.
                c.letGo().kill();
            }
        }
        return null;
    }

    /**
     * One turn of a conductor: makes sure it has a ready worker, takes one task more from the
     * queue while the queue is long, sends what may be sent, and reads one reply. False once its
     * line is empty.
     */
    private boolean serve(Conductor c) throws IOException, InterruptedException {
        WorkerJvm w = c.worker();
        if (w != null && w.hasEnded() && !w.isBusy()) {
            // Ended while idle (killed, or halted by a thread an earlier task left): no task of the line is its.
            LOG.log(System.Logger.Level.WARNING, "[{0}] worker {1} ended while idle; replacing it", settings.poolName(),
                    String.valueOf(w.pid()));
            c.letGo().kill();
            w = null;
        }
        if (w == null) {
            w = workforce.take();
            c.drive(w);
        }
        Conductor.Taken head;
        List<Conductor.Taken> ahead = new ArrayList<>(0);
        synchronized (lines) {   // the line's lock: stopping and the line are read as one
            head = c.line.head();
            if (head == null) {
                return false;
            }
            if (stopping && !head.isSent()) {
                c.line.remove(head);
                head.future.fail(new InterruptedException("the pool was shut down now before the task was sent"));
                return true;
            }
            int limit = c.aheadLimit();
            if (maxTasksPerWorker > 0) {
                limit = Math.min(limit, maxTasksPerWorker - 1 - w.tasksRun());   // no task past the worker's limit
            }
            // Refill the line only once it has run down to half its limit: then one write carries
            // half a line of frames, where topping it up after every answer wrote one frame a task.
            boolean refill = c.line.ahead() <= limit / 2;
            for (Conductor.Taken t; refill && ahead.size() < limit && (t = c.line.takeAhead(threads.getQueue(), threads.getMaximumPoolSize(), limit,
                    !stopping && w.retiring() == null)) != null; ) {
                ahead.add(t);
            }
        }
        for (Conductor.Taken t : ahead) {
            encodeAhead(c, t);
        }
        try {
            w.ready();
        } catch (IOException gone) {
            crashed(c, w, head);
            return true;
        } catch (ExecutionException | ClassNotFoundException initializerFailed) {
            c.letGo().retire();
            c.line.remove(head);
            head.future.fail(initializerFailed);
            return true;
        }
        try {
            List<Conductor.Taken> sent = new ArrayList<>(1);
            for (Conductor.Taken t; (t = c.line.nextToSend(w, settings.watch())) != null; ) {
                w.send(t.frame());
                sent.add(t);
            }
            if (!sent.isEmpty()) {
                w.flush();   // every frame of the turn in one write
                sent.forEach(t -> t.future.sent(t.frame().length));
            }
            if (!head.isSent()) {
                return true;   // cancelled before it was sent: it never runs
            }
            Frames.Reply reply = w.receive();
            head.future.received(w.lastReplyBytes());
            answered(c, w, head, reply);
        } catch (IOException gone) {
            crashed(c, w, head);
        }
        return true;
    }

    /** Encodes a task taken ahead; one that cannot be serialized fails here and leaves the line. */
    private void encodeAhead(Conductor c, Conductor.Taken ahead) {
        byte[] frame;
        try {
            frame = c.encode(ahead.future.task, settings.maxFrame());
        } catch (IOException e) {
            if (c.line.remove(ahead)) {
                ahead.future.fail(e);
            }
            return;
        }
        c.line.encoded(ahead, frame);
    }

    /** The head of the line answered: complete it, and move the task behind it up. */
    private void answered(Conductor c, WorkerJvm w, Conductor.Taken head, Frames.Reply reply) throws IOException {
        Conductor.Taken next = c.line.answered(head, w, settings.watch());
        head.future.leftWorker();
        if (head.future.isCancelled() && head.future.interruptRequested()) {
            // cancel(true) may have killed the worker just after it answered: never reuse it.
            c.letGo().kill();
            c.line.unsend();
            if (!isShutdown()) {
                workforce.launchSpare();
            }
            return;
        }
        if (next != null && next.isSent() && next.future.isCancelled() && next.future.interruptRequested()) {
            w.kill();   // cancel(true) came while it waited behind this one; it runs now, so stop it the only way there is
        }
        if (next == null) {
            c.free(free);   // before its caller hears of it: a task submitted now finds this conductor free
        }
        c.ran(w.lastReplyAt() - head.future.lastStartNanos());
        head.future.complete(reply);
        int run = w.taskDone();
        if (maxTasksPerWorker > 0 && run >= maxTasksPerWorker) {
            retire(c, System.Logger.Level.DEBUG, "it ran " + run + " tasks, its limit");   // nothing was sent ahead to it: the line takes no task past the limit
            return;
        }
        if (maxWorkerMemory > 0 && w.retiring() == null) {
            long resident = w.residentBytes();
            if (resident > maxWorkerMemory) {
                w.retireWhenAnswered("its resident memory after a task was " + mib(resident) + ", over the limit of " + mib(maxWorkerMemory));
            }
        }
        if (w.retiring() != null && (next == null || !next.isSent())) {
            retire(c, System.Logger.Level.INFO, w.retiring());   // no task is sent ahead to a worker to be retired: nothing of the line is its
        }
    }

    /** Retires the conductor's worker, which owes no answer, and starts its replacement. */
    private void retire(Conductor c, System.Logger.Level level, String why) throws IOException {
        WorkerJvm w = c.letGo();
        LOG.log(level, "[{0}] retiring worker {1}: {2}", settings.poolName(), String.valueOf(w.pid()), why);
        w.retire();
        stats.recycled();
        if (!isShutdown()) {
            workforce.launchSpare();
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /**
     * How many times a task goes to another worker because the one it was sent to ended before it
     * reached it, or was killed for another task: beyond this, it fails as a crash (a worker that
     * cannot start, say, would otherwise be replaced for ever).
     */
    static final int MAX_ORPHANED = 3;

    /**
     * The worker is gone. What it wrote before it went is read first: a reply on its way completes
     * its task. Then the task at the head of the line, if any is left: it fails when its worker's
     * death is its own (it had the task: a crash, its time limit, its silence), and goes to the next
     * worker when not (the worker ended before the task reached it, or was killed for another
     * task's time limit). The rest of the line goes to the next worker.
     */
    private void crashed(Conductor c, WorkerJvm w, Conductor.Taken head) throws IOException {
        c.letGo();
        boolean interrupted = Thread.interrupted() || head.future.isCancelled();
        w.kill();
        ChildProcess.Result ended = w.awaitEnd();
        for (Frames.Reply late : w.leftOver()) {
            Conductor.Taken answered = c.line.takeSentHead();
            if (answered == null) {
                break;
            }
            answered.future.leftWorker();
            answered.future.complete(late);
        }
        Conductor.Taken now;
        boolean nowSent;
        boolean stop;
        synchronized (lines) {
            now = c.line.head();
            nowSent = now != null && now.isSent();
            stop = stopping;
        }
        c.line.unsend();
        if (now == null || !nowSent && now != head) {
            if (!stop) {
                workforce.launchSpare();
            }
            return;   // every task it had was answered; what is left never went to it
        }
        now.future.leftWorker();
        if (interrupted || stop) {
            c.line.remove(now);
            now.future.fail(new InterruptedException("the task was stopped by killing worker " + w.pid()));
            return;
        }
        workforce.launchSpare();   // replace it now, so the next task does not wait for a JVM to start
        RemoteFuture<?> killer = w.killedFor();
        // A frame that was not an answer is the doing of the task that ran when it came (which may have been answered since).
        boolean violator = w.violation() == null || w.violationTask() == Frames.taskId(now.frame());
        boolean itsOwn = nowSent && w.hasTheNextTask() && (killer == null || killer == now.future) && violator;
        if (!itsOwn && now.orphanedAgain() <= MAX_ORPHANED) {
            LOG.log(System.Logger.Level.INFO, "[{0}] worker {1} ended {2}; its task goes to another worker", settings.poolName(),
                    String.valueOf(w.pid()), killer != null ? "for another task's time limit"
                            : !violator ? "for a frame another task wrote" : "before the task reached it");
            return;   // it stays at the head of the line, unsent: the next worker runs it
        }
        boolean retryable = itsOwn && killer == null && w.violation() == null && !now.future.timedOut()
                && now.future.task instanceof Retryable r && now.future.tries() <= Math.min(r.retries(), Retryable.MAX_RETRIES);
        if (retryable) {
            stats.retried();
            LOG.log(System.Logger.Level.INFO, "[{0}] worker {1} died under a retryable task (try {2}); it goes to another worker",
                    settings.poolName(), String.valueOf(w.pid()), String.valueOf(now.future.tries()));
            return;   // it stays at the head of the line, unsent: the next worker runs it
        }
        c.line.remove(now);
        int tries = now.future.task instanceof Retryable ? now.future.tries() : 1;
        if (now.future.timedOut()) {
            now.future.fail(new TimeoutException("the task ran past its limit of " + Duration.ofNanos(now.future.timeLimitNanos()).toMillis()
                    + " ms; worker " + w.pid() + " was killed and replaced"));
        } else if (w.wasSilent()) {
            now.future.fail(new WorkerUnresponsiveException(w.pid(), settings.liveness(), tries));
        } else if (w.violation() != null) {
            now.future.fail(new WorkerCrashedException(w.pid(), ended.exitCode(), ended.stderrTail(), w.violation()));
        } else {
            now.future.fail(new WorkerCrashedException(w.pid(), ended.exitCode(), ended.stderrTail(), tries));
        }
    }
}
