package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A thread of a {@link ProcessPoolExecutor}'s conductor pool: it drives one worker JVM and keeps
 * the line of tasks it has taken on. {@link Conductors} holds the rules it follows.
 */
final class Conductor extends Thread {

    /**
     * The largest frame (length prefix included) sent ahead to a busy worker: one page, far below
     * any socket buffer, so that writing it never blocks.
     */
    static final int AHEAD_FRAME_LIMIT = 4096;

    /**
     * The most tasks a conductor sends ahead of the one its worker runs, while its tasks are short
     * ({@link #SHORT_TASK_NANOS}) and the queue is long: a worker then reads several frames per
     * wake-up and its conductor several replies, instead of one system call and one context switch
     * each per task. Their frames, at most a page each, stay far below any socket buffer. The
     * line is refilled only once it has run down to half of this ({@code Conductors.serve}), so a
     * write carries half a line of frames. 16 with that refill against 8 topped up after every
     * answer: a million trivial tasks submitted at once to 2 workers in 3.5-3.8 s against 5.0-5.8 s,
     * 2.6-2.9 us of worker CPU a task against 3.7-3.9, 4.1-4.3 us of the caller's against 6.1-7.6
     * (interleaved, 2-core AMD EPYC, AVX-512); 32 gained nothing over 16.
     */
    static final int MAX_AHEAD = 16;

    /** A task that ran this long or longer has one task sent ahead of it, not {@link #MAX_AHEAD}: longer tasks gain nothing from more, and a long line would leave other workers idle at the queue's end. */
    static final long SHORT_TASK_NANOS = 200_000;

    /** Task ids, one per task frame, unique in this JVM: a reply names the task it answers. */
    private static final java.util.concurrent.atomic.AtomicLong TASK_IDS = new java.util.concurrent.atomic.AtomicLong();

    /** The worker JVM this conductor drives; only this thread touches it. */
    private WorkerJvm worker;
    private final Frames.Encoder encoder = new Frames.Encoder();
    final Line line;
    /** Called on this thread as it ends. */
    private final java.util.function.Consumer<Conductor> onEnd;
    /** Whether {@link #free} counted it as free; this thread's only. */
    private boolean free;
    /** How long its worker's last answered task ran, in nanoseconds; this thread's only. */
    private long lastRunNanos = Long.MAX_VALUE;

    Conductor(Runnable r, String name, Object linesLock, java.util.function.Consumer<Conductor> onEnd) {
        super(r, name);
        this.line = new Line(linesLock);
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try {
            super.run();
        } finally {
            onEnd.accept(this);
        }
    }

    /** It has nothing to do, or is completing its last task: counted in {@code count} once. This thread only. */
    void free(java.util.concurrent.atomic.AtomicInteger count) {
        if (!free) {
            free = true;
            count.incrementAndGet();
        }
    }

    /** Its worker answered a task that ran {@code nanos}. This thread only. */
    void ran(long nanos) {
        lastRunNanos = nanos;
    }

    /** How many tasks it may have sent ahead of the running one: {@link #MAX_AHEAD} while its tasks are short, else one. */
    int aheadLimit() {
        return lastRunNanos < SHORT_TASK_NANOS ? MAX_AHEAD : 1;
    }

    /** It has a task, or is ending: no longer counted free. This thread only. */
    void busy(java.util.concurrent.atomic.AtomicInteger count) {
        if (free) {
            free = false;
            count.decrementAndGet();
        }
    }

    /** The worker it drives, or null before it has one and after it let one go. */
    WorkerJvm worker() {
        return worker;
    }

    /** From now on it drives {@code w}. */
    void drive(WorkerJvm w) {
        worker = w;
    }

    /** It lets its worker go (gone, retired, or killed): the next turn takes another. Returns the one let go. */
    WorkerJvm letGo() {
        WorkerJvm w = worker;
        worker = null;
        return w;
    }

    /** A task's frame; an IOException when it cannot be serialized or is over {@code maxFrame} with its length prefix. */
    byte[] encode(Task<?> task, int maxFrame) throws IOException {
        byte[] frame = encoder.task(TASK_IDS.incrementAndGet(), task);
        if (frame.length + Integer.BYTES > maxFrame) {
            throw new IOException("the task is " + frame.length + " bytes serialized, over the frame limit of " + maxFrame + " bytes");
        }
        return frame;
    }

    /** A task a conductor has taken on: its future, its frame once encoded, whether the frame has gone to the worker. */
    static final class Taken {
        final RemoteFuture<?> future;
        /** Its frame; null while a task taken ahead is being encoded. Guarded by its line's lock. */
        private byte[] frame;
        /** Whether its frame has gone to the worker. Guarded by its line's lock. */
        private boolean sent;
        /** How many workers ended before this task reached them, or while it ran through no doing of its own. */
        private int orphaned;

        Taken(RemoteFuture<?> future, byte[] frame) {
            this.future = future;
            this.frame = frame;
        }

        boolean isSent() {
            return sent;
        }

        byte[] frame() {
            return frame;
        }

        /** Its worker ended through no doing of its own: how many times that has happened now. Its conductor only. */
        int orphanedAgain() {
            return ++orphaned;
        }
    }

    /**
     * The tasks a conductor has taken on, in the order its worker answers them: the first runs (or
     * is about to be sent), the one behind it waits in the worker's socket. Every line of a pool
     * shares one lock, so that {@link Conductors} can decide across them (stopping, counting).
     */
    static final class Line {
        private final Object lock;
        private final ArrayDeque<Taken> tasks = new ArrayDeque<>();

        Line(Object lock) {
            this.lock = lock;
        }

        void add(Taken t) {
            synchronized (lock) {
                tasks.add(t);
            }
        }

        /** The task the worker answers next, or null. */
        Taken head() {
            synchronized (lock) {
                return tasks.peekFirst();
            }
        }

        boolean remove(Taken t) {
            synchronized (lock) {
                return tasks.remove(t);
            }
        }

        /** Empties the line: the tasks it held, which are no longer anyone's. */
        List<Taken> clear() {
            synchronized (lock) {
                List<Taken> all = List.copyOf(tasks);
                tasks.clear();
                return all;
            }
        }

        /** How many tasks wait behind the head: taken on ahead. */
        int ahead() {
            synchronized (lock) {
                return Math.max(0, tasks.size() - 1);
            }
        }

        /** The tasks taken on ahead, given back (they never ran): {@code shutdownNow}. */
        List<RemoteFuture<?>> giveBackAhead() {
            synchronized (lock) {
                List<RemoteFuture<?>> back = new ArrayList<>();
                while (tasks.size() > 1) {
                    back.add(tasks.removeLast().future);
                }
                return back;
            }
        }

        /**
         * Takes the next queued task ahead, behind the others, when the line holds fewer than
         * {@code limit} behind its head, the queue holds at least {@code threshold} for each task
         * the line holds (so that near the queue's end no worker holds tasks while another is
         * free), and {@code allowed}: the task, its frame still to be encoded ({@link #encoded}),
         * or null when none was taken.
         */
        Taken takeAhead(BlockingQueue<Runnable> queue, int threshold, int limit, boolean allowed) {
            synchronized (lock) {
                if (allowed && !tasks.isEmpty() && tasks.size() <= limit && queue.size() >= threshold * tasks.size()
                        && queue.peek() instanceof RemoteFuture<?> next && queue.remove(next)) {
                    Taken ahead = new Taken(next, null);
                    tasks.add(ahead);
                    return ahead;
                }
                return null;
            }
        }

        /** A task taken ahead has its frame now, and may be sent. */
        void encoded(Taken t, byte[] frame) {
            synchronized (lock) {
                t.frame = frame;
            }
        }

        /**
         * The next frame this conductor may write to {@code w} without waiting, marked sent; null
         * when there is none. The head of the line always may (and starts on {@code w}: its time
         * limit runs from now); the task behind it only when its frame fits the smallest pipe
         * buffer, since the worker reads it only after the task ahead of it, and a conductor
         * blocked writing would never read the reply that frees the worker. A task cancelled
         * before it was sent leaves the line: it never runs.
         */
        Taken nextToSend(WorkerJvm w, ScheduledExecutorService watch) {
            synchronized (lock) {
                for (Iterator<Taken> it = tasks.iterator(); it.hasNext(); ) {
                    Taken t = it.next();
                    if (t.sent) {
                        continue;
                    }
                    boolean first = t == tasks.peekFirst();
                    if (t.frame == null || !first && t.frame.length + Integer.BYTES > AHEAD_FRAME_LIMIT) {
                        return null;
                    }
                    if (first ? !t.future.startOn(w, watch) : t.future.isCancelled()) {
                        it.remove();
                        continue;
                    }
                    t.sent = true;
                    return t;
                }
                return null;
            }
        }

        /** The head was answered by {@code w}: it leaves the line, and the task behind it, if sent, has started. Returns that one, or null. */
        Taken answered(Taken head, WorkerJvm w, ScheduledExecutorService watch) {
            synchronized (lock) {
                tasks.remove(head);
                Taken next = tasks.peekFirst();
                if (next != null && next.sent) {
                    next.future.startedOn(w, watch, w.lastReplyAt());
                }
                return next;
            }
        }

        /** The head, removed, if it was sent: a late reply from a worker that is gone answers it. Else null. */
        Taken takeSentHead() {
            synchronized (lock) {
                Taken head = tasks.peekFirst();
                if (head == null || !head.sent) {
                    return null;
                }
                return tasks.removeFirst();
            }
        }

        /** Tasks sent to a worker that is gone never started there: they go to the next one. */
        void unsend() {
            synchronized (lock) {
                tasks.forEach(t -> t.sent = false);
            }
        }
    }
}
