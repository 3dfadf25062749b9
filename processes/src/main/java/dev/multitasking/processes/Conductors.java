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
    interface Workforce {
        /** A worker for a conductor that has none: a spare one, or one launched now. */
        WorkerJvm take() throws IOException;

        /** Launches a spare worker, to replace one that is gone before the next task waits for it. */
        void launchSpare() throws IOException;

        /** The last conductor has ended: no worker will be used again. */
        void conductorsEnded();
    }

    private final WorkerJvm.Settings settings;
    private final int maxTasksPerWorker;
    private final Workforce workforce;
    private final ThreadPoolExecutor threads;
    /** Every conductor thread, for {@link #shutdownNow()} to find the tasks they took on ahead. */
    private final Set<Conductor> all = ConcurrentHashMap.newKeySet();
    /** Guards every conductor's line of tasks, and {@link #stopping}. */
    private final Object lines = new Object();
    /** Set by {@link #shutdownNow()}; guarded by {@link #lines}. */
    private boolean stopping;

    Conductors(WorkerJvm.Settings settings, int workers, int maxTasksPerWorker, Workforce workforce) {
        this.settings = settings;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.workforce = workforce;
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Conductor c = new Conductor(r, settings.poolName() + "-conductor-" + n.incrementAndGet());
            all.add(c);
            return c;
        }) {
            @Override
            protected void terminated() {
                workforce.conductorsEnded();
            }
        };
    }

    /** A future that runs {@code task} in a worker once a conductor takes it. */
    <T> RemoteFuture<T> futureOf(Task<T> task) {
        return new RemoteFuture<>(task, this);
    }

    void execute(Runnable command) {
        threads.execute(command);
    }

    int size() {
        return threads.getMaximumPoolSize();
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
                while (c.line.size() > 1) {
                    neverStarted.add(c.line.removeLast().future);
                }
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
            return all.stream().mapToInt(c -> Math.max(0, c.line.size() - 1)).sum();
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
        synchronized (lines) {
            c.line.add(new Conductor.Taken(first, request));
        }
        try {
            while (serve(c)) {
                // one reply a turn
            }
        } catch (Throwable t) {   // no worker JVM would start, say: no task this conductor took on may hang
            List<Conductor.Taken> left;
            synchronized (lines) {
                left = List.copyOf(c.line);
                c.line.clear();
            }
            left.forEach(l -> l.future.fail(t));
            throw t;
        } finally {
            WorkerJvm w = c.worker;
            if (w != null && w.unanswered > 0) {
                // Tasks sent to it were taken back by shutdownNow(): nobody waits for them, so they must not run.
                c.worker = null;
                w.kill();
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
        WorkerJvm w = c.worker;
        if (w != null && w.hasEnded() && w.unanswered == 0) {
            // Ended while idle (killed, or halted by a thread an earlier task left): no task of the line is its.
            LOG.log(System.Logger.Level.WARNING, "[{0}] worker {1} ended while idle; replacing it", settings.poolName(),
                    String.valueOf(w.pid()));
            c.worker = null;
            w.kill();
            w = null;
        }
        if (w == null) {
            c.worker = w = workforce.take();
        }
        Conductor.Taken head;
        Conductor.Taken ahead = null;
        synchronized (lines) {
            head = c.line.peekFirst();
            if (head == null) {
                return false;
            }
            if (stopping && !head.sent) {
                c.line.removeFirst();
                head.future.fail(new InterruptedException("the pool was shut down now before the task was sent"));
                return true;
            }
            if (!stopping && c.line.size() == 1 && threads.getQueue().size() >= threads.getMaximumPoolSize()
                    && (maxTasksPerWorker == 0 || w.tasksRun + 1 < maxTasksPerWorker)
                    && threads.getQueue().peek() instanceof RemoteFuture<?> next && threads.getQueue().remove(next)) {
                ahead = new Conductor.Taken(next, null);
                c.line.add(ahead);
            }
        }
        if (ahead != null) {
            encodeAhead(c, ahead);
        }
        try {
            w.ready();
        } catch (IOException gone) {
            crashed(c, w, head);
            return true;
        } catch (ExecutionException | ClassNotFoundException initializerFailed) {
            c.worker = null;
            w.retire();
            synchronized (lines) {
                c.line.remove(head);
            }
            head.future.fail(initializerFailed);
            return true;
        }
        try {
            for (Conductor.Taken t; (t = nextToSend(c, w)) != null; ) {
                w.expectAnswer();
                w.send(t.frame);
            }
            if (!head.sent) {
                return true;   // cancelled before it was sent: it never runs
            }
            Frames.Reply reply = w.receive();
            w.unanswered--;
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
            boolean mine;
            synchronized (lines) {
                mine = c.line.remove(ahead);
            }
            if (mine) {
                ahead.future.fail(e);
            }
            return;
        }
        synchronized (lines) {
            ahead.frame = frame;
        }
    }

    /**
     * The next frame this conductor may write without waiting, marked sent; null when there is
     * none. The head of the line always may; the task behind it only when its frame fits the
     * smallest pipe buffer, since the worker reads it only after the task ahead of it, and a
     * conductor blocked writing would never read the reply that frees the worker.
     */
    private Conductor.Taken nextToSend(Conductor c, WorkerJvm w) {
        synchronized (lines) {
            for (Iterator<Conductor.Taken> it = c.line.iterator(); it.hasNext(); ) {
                Conductor.Taken t = it.next();
                if (t.sent) {
                    continue;
                }
                boolean first = t == c.line.peekFirst();
                if (t.frame == null || !first && t.frame.length + Integer.BYTES > Conductor.AHEAD_FRAME_LIMIT) {
                    return null;
                }
                if (first) {
                    t.future.runningOn = w;   // before the check below: a cancel(true) after it kills the worker
                }
                if (t.future.isCancelled()) {
                    t.future.runningOn = null;
                    it.remove();   // cancelled before it was sent: it never runs
                    continue;
                }
                if (first) {
                    startClock(t.future, w);
                }
                t.sent = true;
                return t;
            }
            return null;
        }
    }

    /** The task has just started on {@code w}: kill {@code w} if the task outlives its time limit. */
    private void startClock(RemoteFuture<?> f, WorkerJvm w) {
        if (f.timeoutNanos > 0) {
            f.clock = settings.watch().schedule(() -> {
                if (f.runningOn == w && !f.isDone()) {
                    f.timedOut = true;
                    w.killedFor = f;
                    w.kill();
                }
            }, f.timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The head of the line answered: complete it, and move the task behind it up. */
    private void answered(Conductor c, WorkerJvm w, Conductor.Taken head, Frames.Reply reply) throws IOException {
        Conductor.Taken next;
        synchronized (lines) {
            c.line.remove(head);
            next = c.line.peekFirst();
            if (next != null && next.sent) {
                next.future.runningOn = w;   // the worker has started it
                startClock(next.future, w);
            }
        }
        head.future.runningOn = null;
        if (head.future.isCancelled() && head.future.interruptRequested) {
            // cancel(true) may have killed the worker just after it answered: never reuse it.
            c.worker = null;
            w.kill();
            unsend(c);
            if (!isShutdown()) {
                workforce.launchSpare();
            }
            return;
        }
        if (next != null && next.sent && next.future.isCancelled() && next.future.interruptRequested) {
            w.kill();   // cancel(true) came while it waited behind this one; it runs now, so stop it the only way there is
        }
        head.future.complete(reply);
        if (maxTasksPerWorker > 0 && ++w.tasksRun >= maxTasksPerWorker) {
            c.worker = null;   // nothing was sent ahead to it: the line takes no task past the limit
            w.retire();
            if (!isShutdown()) {
                workforce.launchSpare();
            }
        }
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
        c.worker = null;
        boolean interrupted = Thread.interrupted() || head.future.isCancelled();
        w.kill();
        ChildProcess.Result ended = w.awaitEnd();
        for (Frames.Reply late : w.leftOver()) {
            Conductor.Taken answered;
            synchronized (lines) {
                answered = c.line.peekFirst();
                if (answered == null || !answered.sent) {
                    break;
                }
                c.line.removeFirst();
            }
            w.unanswered--;
            answered.future.runningOn = null;
            answered.future.complete(late);
        }
        Conductor.Taken now;
        boolean nowSent;
        boolean stop;
        synchronized (lines) {
            now = c.line.peekFirst();
            nowSent = now != null && now.sent;
            stop = stopping;
        }
        unsend(c);
        if (now == null || !nowSent && now != head) {
            if (!stop) {
                workforce.launchSpare();
            }
            return;   // every task it had was answered; what is left never went to it
        }
        now.future.runningOn = null;
        if (interrupted || stop) {
            synchronized (lines) {
                c.line.remove(now);
            }
            now.future.fail(new InterruptedException("the task was stopped by killing worker " + w.pid()));
            return;
        }
        workforce.launchSpare();   // replace it now, so the next task does not wait for a JVM to start
        RemoteFuture<?> killer = w.killedFor;
        // A frame that was not an answer is the doing of the task that ran when it came (which may have been answered since).
        boolean violator = w.violation == null || w.violationTask == Frames.taskId(now.frame);
        boolean itsOwn = nowSent && w.hasTheNextTask() && (killer == null || killer == now.future) && violator;
        if (!itsOwn && ++now.orphaned <= MAX_ORPHANED) {
            LOG.log(System.Logger.Level.INFO, "[{0}] worker {1} ended {2}; its task goes to another worker", settings.poolName(),
                    String.valueOf(w.pid()), killer != null ? "for another task's time limit"
                            : !violator ? "for a frame another task wrote" : "before the task reached it");
            return;   // it stays at the head of the line, unsent: the next worker runs it
        }
        synchronized (lines) {
            c.line.remove(now);
        }
        if (now.future.timedOut) {
            now.future.fail(new TimeoutException("the task ran past its limit of " + Duration.ofNanos(now.future.timeoutNanos).toMillis()
                    + " ms; worker " + w.pid() + " was killed and replaced"));
        } else if (w.silent) {
            now.future.fail(new WorkerUnresponsiveException(w.pid(), settings.liveness()));
        } else if (w.violation != null) {
            now.future.fail(new WorkerCrashedException(w.pid(), ended.exitCode(), ended.stderrTail(), w.violation));
        } else {
            now.future.fail(new WorkerCrashedException(w.pid(), ended.exitCode(), ended.stderrTail()));
        }
    }

    /** Tasks sent to a worker that is gone never started there: they go to the next one. */
    private void unsend(Conductor c) {
        synchronized (lines) {
            c.line.forEach(t -> t.sent = false);
        }
    }
}
