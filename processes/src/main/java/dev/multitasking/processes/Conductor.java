package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.util.ArrayDeque;

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

    /** The worker JVM this conductor drives; only this thread touches it. */
    WorkerJvm worker;
    final Frames.Encoder encoder = new Frames.Encoder();
    /**
     * The tasks this conductor has taken on, in the order its worker answers them: the first runs
     * (or is about to be sent), the one behind it waits in the worker's socket. Guarded by
     * {@link Conductors}' lock.
     */
    final ArrayDeque<Taken> line = new ArrayDeque<>();

    /** Task ids, one per task frame, unique in this JVM: a reply names the task it answers. */
    private static final java.util.concurrent.atomic.AtomicLong TASK_IDS = new java.util.concurrent.atomic.AtomicLong();

    Conductor(Runnable r, String name) {
        super(r, name);
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
        byte[] frame;
        boolean sent;
        /** How many workers ended before this task reached them, or while it ran through no doing of its own. */
        int orphaned;

        Taken(RemoteFuture<?> future, byte[] frame) {
            this.future = future;
            this.frame = frame;
        }
    }
}
