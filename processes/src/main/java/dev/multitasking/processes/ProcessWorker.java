package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code main} of a {@link ProcessPoolExecutor} worker JVM. Arguments: the socket to connect
 * to, the heartbeat period in milliseconds, the frame limit in bytes, and the packages admitted
 * beyond the project's and the JDK's (comma-separated, or empty). It reads its token from
 * stdin (which then ends), connects, says hello with the token, and from then on reads task
 * frames, says it has one, runs it, and writes a reply frame, until the pool closes the socket.
 *
 * <p>The protocol owns only the socket: stdin is at its end and stdout is the task's (the parent
 * logs it), so a task that prints, reads stdin or starts a child cannot touch it. A daemon thread
 * sends a heartbeat while tasks run; when one cannot be written the parent is gone (even killed
 * with {@code kill -9}: the kernel closes its end), and the worker halts at once, mid-task or not;
 * the last orphan of a pool removes the pool's sockets' directory.
 */
public final class ProcessWorker {

    /** Set when the pool said goodbye: the socket's end is then no sign of an orphan. */
    private static final java.util.concurrent.atomic.AtomicBoolean RETIRED = new java.util.concurrent.atomic.AtomicBoolean();
    /** Counted down once the main thread leaves its loop (a goodbye, or the socket closed), to exit in full. */
    private static final java.util.concurrent.CountDownLatch ENDING = new java.util.concurrent.CountDownLatch(1);
    /** How long a heartbeat that could not be written waits for the main thread to see the end itself. */
    private static final long ENDING_GRACE_MILLIS = 200;

    /** The pool's JVM, which started this one. */
    private static final long PARENT = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);

    private ProcessWorker() {
    }

    public static void main(String[] args) throws Exception {
        // A process a task started must not outlive its worker: it may hold fd 1 or 2, which the pool reads
        // to their end, or simply run on. On exit (System.exit by a task, the end, out-of-memory with
        // ExitOnOutOfMemoryError aside) and on the halt below, the worker's descendants go first.
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessWorker::killDescendants, "multitasking-descendants"));
        Path socket = Path.of(args[0]);
        long heartbeatMillis = Long.parseLong(args[1]);
        int maxFrame = Integer.parseInt(args[2]);
        java.util.List<String> admitted = args.length > 3 && !args[3].isEmpty() ? java.util.List.of(args[3].split(",")) : java.util.List.of();
        byte[] token = System.in.readAllBytes();   // the parent writes it, then ends stdin
        SocketChannel channel = connect(UnixDomainSocketAddress.of(socket));
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        FrameInput in = new FrameInput(Channels.newInputStream(channel), 64 * 1024);
        long pid = ProcessHandle.current().pid();
        Frames.Encoder encoder = new Frames.Encoder();
        Frames.Decoder decoder = new Frames.Decoder(maxFrame, admitted);
        synchronized (out) {
            Frames.write(out, encoder.hello(pid, token));
        }
        Thread.ofPlatform().daemon().name("multitasking-heartbeat").start(() -> beat(out, heartbeatMillis, socket));
        // A reply held back while the next task's frame is here already: it goes out with that task's
        // received mark, in one write, and the pool's conductor wakes once for both.
        byte[] heldReply = null;
        while (true) {
            Thread.interrupted();   // a task may leave its thread interrupted; the channel would close under it
            byte[] frame;
            try {
                if (heldReply != null && !in.frameWaiting()) {
                    synchronized (out) {
                        Frames.write(out, heldReply);
                    }
                    heldReply = null;
                }
                frame = Frames.read(in, maxFrame);
            } catch (IOException closed) {
                frame = null;   // reset: the pool closed the socket with heartbeats it had not read
            }
            if (frame == null || Frames.isGoodbye(frame)) {
                if (heldReply != null) {
                    try {
                        synchronized (out) {
                            Frames.write(out, heldReply);   // the pool says goodbye only once answered; but never drop a reply
                        }
                    } catch (IOException gone) {
                        // the pool is gone: nobody waits for it
                    }
                }
            }
            if (frame != null && Frames.isGoodbye(frame)) {
                RETIRED.set(true);
                ENDING.countDown();
                break;   // the pool is done with this worker
            }
            if (frame == null) {
                ENDING.countDown();
                cleanUpIfOrphaned(socket);   // the socket closed without a goodbye: the pool is gone
                break;
            }
            long task = Frames.taskId(frame);
            synchronized (out) {
                if (heldReply != null) {
                    Frames.append(out, heldReply);
                    heldReply = null;
                }
                Frames.write(out, Frames.received(task));   // before decoding: a frame that kills this JVM is its task's doing
            }
            byte[] reply = reply(task, frame, encoder, decoder, maxFrame);
            Thread.interrupted();
            if (in.frameWaiting()) {
                heldReply = reply;   // the next task is here: its received mark takes this reply along
            } else {
                synchronized (out) {
                    Frames.write(out, reply);
                }
            }
        }
        System.exit(0);
    }

    /** The worker's socket input, which can tell whether the next frame has come already. */
    private static final class FrameInput extends BufferedInputStream {
        FrameInput(InputStream in, int size) {
            super(in, size);
        }

        /**
         * Whether the next frame has begun: its length prefix is in the buffer, or in the socket (a
         * frame sent ahead is one write of at most a page, so the rest of it is there too; a task
         * sent when a worker is idle finds no reply held back). The buffer is looked at first, so
         * that a frame already read costs no system call.
         */
        synchronized boolean frameWaiting() throws IOException {
            return count - pos >= Integer.BYTES || available() >= Integer.BYTES;
        }
    }

    /** Kills every process this worker started, and theirs (SIGKILL): a task's children end with its worker. */
    static void killDescendants() {
        try {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            // nothing to kill, or not allowed to look: what is left is the pool's to kill
        }
    }

    /** Connects to the pool, which opens its socket while this JVM starts: retried for up to a minute. */
    private static SocketChannel connect(UnixDomainSocketAddress address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                return SocketChannel.open(address);
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw notYet;
                }
                Thread.sleep(1);
            }
        }
    }

    /**
     * Sends heartbeats until one cannot be written: then the parent is gone, and so is this worker.
     * A parent killed outright leaves its sockets' directory behind; the last of its workers to go
     * removes it (it is empty by then: the parent removes each socket once its worker connects).
     */
    private static void beat(OutputStream out, long periodMillis, Path socket) {
        byte[] heartbeat = Frames.heartbeat();
        try {
            while (true) {
                Thread.sleep(periodMillis);
                synchronized (out) {
                    Frames.write(out, heartbeat);
                }
            }
        } catch (IOException | InterruptedException closed) {
            // The pool closes the socket right after its goodbye, which the main thread, idle, reads at
            // once: it then exits in full (shutdown hooks, and the class archive a first worker writes as it
            // exits), which a halt here would cut short. A main thread that does not end is busy with a
            // task, and its pool is gone: it is halted.
            try {
                if (ENDING.await(ENDING_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // halted below
            }
            if (!RETIRED.get()) {
                cleanUpIfOrphaned(socket);
            }
            killDescendants();
            Runtime.getRuntime().halt(0);
        }
    }

    /**
     * The socket closed with no goodbye, or a heartbeat could not be written: the pool's JVM is
     * gone, or retiring this worker (its goodbye not yet read). An orphan is given a new parent,
     * a moment after the old one's sockets close; only an orphan cleans up after its pool, and
     * it waits up to a second to know which it is.
     */
    private static void cleanUpIfOrphaned(Path socket) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!RETIRED.get() && System.nanoTime() - deadline < 0) {
            if (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != PARENT) {
                try {
                    java.nio.file.Files.deleteIfExists(socket.getParent());
                } catch (IOException | RuntimeException notEmptyOrGone) {
                    // another worker's socket is still there, or the directory is gone already
                }
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static byte[] reply(long id, byte[] frame, Frames.Encoder encoder, Frames.Decoder decoder, int maxFrame) throws IOException {
        Object value;
        try {
            Object request = decoder.task(frame);
            if (!(request instanceof Task<?> task)) {
                throw new IllegalArgumentException("a worker runs only " + Task.class.getName() + ", got "
                        + (request == null ? "null" : request.getClass().getName()));
            }
            value = task.call();
        } catch (Throwable t) {   // the task's failure, or a frame the filter refused: the caller gets it
            return failure(id, t, encoder, maxFrame);
        }
        byte[] reply;
        try {
            reply = encoder.value(id, value);
        } catch (java.io.NotSerializableException e) {
            return failure(id, new java.io.NotSerializableException("the task's result is not serializable: " + e.getMessage()), encoder, maxFrame);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // Its class's writeObject threw, say: that fails this task, not the worker.
            return failure(id, new IOException("the task's result could not be serialized: " + e, e), encoder, maxFrame);
        }
        if (reply.length + Integer.BYTES > maxFrame) {
            return failure(id, new IOException("the task's result is " + reply.length + " bytes serialized, over the frame limit of "
                    + maxFrame + " bytes"), encoder, maxFrame);
        }
        return reply;
    }

    /**
     * The failure as it is, or, when it cannot be sent as it is (a field of it cannot be
     * serialized, its writeObject throws, it is too large), as its class, message and stack trace.
     */
    private static byte[] failure(long id, Throwable t, Frames.Encoder encoder, int maxFrame) throws IOException {
        try {
            byte[] frame = encoder.failure(id, t);
            if (frame.length + Integer.BYTES <= maxFrame) {
                return frame;
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            Exception standIn = new Exception(t + " (sent as text: " + e + ")");
            standIn.setStackTrace(t.getStackTrace());
            return encoder.failure(id, standIn);
        }
        Exception standIn = new Exception(t + " (sent as text: the exception is over the frame limit of " + maxFrame + " bytes)");
        return encoder.failure(id, standIn);
    }
}
