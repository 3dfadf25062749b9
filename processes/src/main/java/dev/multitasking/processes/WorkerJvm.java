package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM of a {@link ProcessPoolExecutor} and the channel to it: launch, connect, send,
 * receive, retire, kill.
 *
 * <p>The channel is a Unix-domain socket of the pool's private directory (owner-only), not the
 * worker's stdin and stdout: a task may print, read stdin or start a child that inherits fd 1,
 * and the protocol never sees it. The parent hands the worker a one-time token on stdin, then
 * ends its stdin; the worker connects and proves itself with the token in its hello, so no other
 * process can pose as it. What the worker prints on stdout and stderr is logged with its pid.
 *
 * <p>While it runs, a thread of the worker sends a heartbeat frame every
 * {@link #heartbeatMillis(Duration) fraction} of the pool's liveness limit. Every byte read from
 * the worker counts as a sign of life ({@link #silentFor()}); the pool kills a busy worker that
 * stays silent past the limit. A heartbeat that cannot be written means the parent is gone: the
 * worker halts at once, even in the middle of a task.
 *
 * <p>The channel is interruptible: an interrupt of a thread blocked on it closes it. The pool
 * interrupts its conductors only in {@code shutdownNow}, whose busy workers are killed anyway, and
 * never interrupts a conductor to cancel a task (it kills the worker instead).
 */
final class WorkerJvm {

    private static final System.Logger LOG = System.getLogger(ProcessPoolExecutor.class.getName());
    /** Made on first use, on a thread that hands a started worker its stdin: a SecureRandom's first use costs tens of ms. */
    private static final Supplier<SecureRandom> TOKENS = new Supplier<>() {
        private volatile SecureRandom random;

        @Override
        public SecureRandom get() {
            SecureRandom r = random;
            if (r == null) {
                synchronized (this) {
                    r = random;
                    if (r == null) {
                        random = r = new SecureRandom();
                    }
                }
            }
            return r;
        }
    };
    private static final int BUFFER = 64 * 1024;

    /**
     * How a pool launches its workers, what each runs before its first task ({@code initializer},
     * or null), the packages whose classes both sides admit beyond the project's and the JDK's,
     * and the archive of classes its workers start from (null: none).
     */
    record PoolSettings(String poolName, List<String> jvmOptions, Path socketDirectory, Duration liveness, int maxFrame,
                    ScheduledExecutorService watch, Task<?> initializer, List<String> admitted, ClassArchive archive) {
    }

    private final PoolSettings settings;
    final ChildProcess.Launched process;
    /** Completes once the JVM has ended and, if it wrote the pool's class archive, the archive is in place. */
    final CompletableFuture<ChildProcess.Result> ended;
    private final Path socketPath;
    private final ServerSocketChannel server;
    /** The worker's one-time token, made once its JVM has started. */
    private final CompletableFuture<byte[]> token;
    private final Frames.Decoder decoder;
    private SocketChannel channel;   // set once connected, under this
    private InputStream in;
    private OutputStream out;
    private boolean ready;           // guarded by this
    /** Set once the worker has proven itself; read without the lock by {@link #retire()}. */
    private volatile boolean connected;
    /** When a byte last came from the worker, or it was last given work (System.nanoTime). */
    private volatile long lastHeard = System.nanoTime();
    /** Set when the pool killed it for silence. */
    private volatile boolean silent;
    /** Frames sent and not yet answered: a task running, and perhaps one waiting behind it. Written by its conductor only ({@link #send}, {@link #receive}). */
    private volatile int unanswered;
    /** Tasks it has answered; only its conductor touches it. */
    private int tasksRun;

    private WorkerJvm(PoolSettings settings, ChildProcess.Launched process, CompletableFuture<ChildProcess.Result> ended, Path socketPath,
                      ServerSocketChannel server, CompletableFuture<byte[]> token) {
        this.settings = settings;
        this.process = process;
        this.ended = ended;
        this.socketPath = socketPath;
        this.server = server;
        this.token = token;
        this.decoder = new Frames.Decoder(settings.maxFrame(), settings.admitted());
    }

    /** How often a worker sends a heartbeat: five times within the liveness limit, at most once a second, so that it notices its parent's death within a second. */
    static long heartbeatMillis(Duration liveness) {
        return Math.max(10, Math.min(1_000, liveness.toMillis() / 5));
    }

    /**
     * Starts a worker JVM, then opens the socket it will connect to: opening the first socket of
     * a JVM costs tens of milliseconds of class loading, which this way overlaps the worker's own
     * start (the worker retries its connect until the socket is there).
     */
    static WorkerJvm launch(PoolSettings s, int sequence) throws IOException {
        // The pool made it private; made again, owner-only, if something removed it. Whatever else it has
        // become (a link, another user's, open to others: a cleaner removed it and someone made it again),
        // no worker is started on it.
        PrivateDirectory.require(s.socketDirectory());
        Path socketPath = s.socketDirectory().resolve(sequence + ".sock");
        CompletableFuture<byte[]> token = new CompletableFuture<>();
        long[] pid = {0};   // known once started; a worker's first words come later
        // From the pool's class archive once it exists; while it does not, the first worker launched
        // writes it as it exits (for a second or two more), and the rest start as usual.
        ClassArchive archive = s.archive();
        List<String> options = s.jvmOptions();
        boolean dumping = false;
        if (archive != null && archive.exists()) {
            options = archive.forUse(options);
        } else if (archive != null && archive.claimDump()) {
            options = archive.forDump(options);
            dumping = true;
        }
        boolean quietDump = dumping;
        ChildProcess.Launched process = ChildProcess.main(ProcessWorker.class)
                .jvmOptions(options.toArray(String[]::new))
                .args(socketPath.toString(), String.valueOf(heartbeatMillis(s.liveness())), String.valueOf(s.maxFrame()),
                        String.join(",", s.admitted()))
                .name(s.poolName() + "-worker")
                .tailLines(20)
                .input(() -> {
                    byte[] secret = new byte[32];
                    TOKENS.get().nextBytes(secret);
                    token.complete(secret);
                    return secret;
                })
                .onStdout(line -> LOG.log(level(quietDump, line), "[{0} worker {1} stdout] {2}", s.poolName(), String.valueOf(pid[0]), line))
                .onStderr(line -> LOG.log(level(quietDump, line), "[{0} worker {1}] {2}", s.poolName(), String.valueOf(pid[0]), line))
                .start();
        pid[0] = process.pid();
        // Only a worker that exited by itself (retired, or a task's System.exit) has written all of its
        // archive; its end, as the pool waits for it, includes putting the archive in place.
        CompletableFuture<ChildProcess.Result> ended = !dumping ? process.completion()
                : process.completion().whenComplete((r, e) -> archive.publish(r != null && r.exitCode() == 0 && !r.killed()));
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socketPath), 1);
            } catch (IOException e) {
                server.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            process.destroy();
            throw e;
        }
        WorkerJvm w = new WorkerJvm(s, process, ended, socketPath, server, token);
        // A worker that ends before it connects must not leave its connector waiting.
        process.completion().whenComplete((r, e) -> w.closeServer());
        return w;
    }

    long pid() {
        return process.pid();
    }

    /** What a worker prints is logged at INFO; the JVM's own lines as it writes the class archive, at DEBUG. */
    private static System.Logger.Level level(boolean dumping, String line) {
        return dumping && ClassArchive.isDumpLine(line) ? System.Logger.Level.DEBUG : System.Logger.Level.INFO;
    }

    /** Connects to the worker, and the first time runs the pool's initializer in it. */
    synchronized void ready() throws IOException, ClassNotFoundException, ExecutionException {
        boolean fresh = !isConnected();
        connect();
        if (fresh && settings.initializer() != null) {
            send(new Frames.Encoder().task(0, settings.initializer()));
            flush();
            Frames.Reply r = receive();
            if (r.failure() != null) {
                throw new ExecutionException("the initializer failed in worker " + pid(), r.failure());
            }
        }
    }

    /** Waits for the JVM to end, through an interrupt (one may arrive late from a cancel(true)), which it keeps. */
    ChildProcess.Result awaitEnd() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized boolean isConnected() {
        return ready;
    }

    /** Waits for the worker to connect and prove itself; once. An IOException means it will not. */
    synchronized void connect() throws IOException {
        if (ready) {
            return;
        }
        var giveUp = settings.watch().schedule(this::closeServer, 60, TimeUnit.SECONDS);
        try {
            while (true) {
                SocketChannel candidate;
                try {
                    candidate = server.accept();
                } catch (IOException closed) {
                    throw new IOException("worker " + pid() + " ended, or took over 60 s, before it connected", closed);
                }
                InputStream candidateIn = new BufferedInputStream(heard(Channels.newInputStream(candidate)), BUFFER);
                if (provesItself(candidate, candidateIn)) {
                    channel = candidate;
                    in = candidateIn;
                    out = new BufferedOutputStream(Channels.newOutputStream(candidate), BUFFER);
                    break;
                }
                candidate.close();   // not our worker: another user, silent, garbled, or without the token
            }
        } finally {
            giveUp.cancel(false);
            closeServer();
        }
        ready = true;
        connected = true;
    }

    /** How long a connection may take to say hello before it is dropped: the worker says it at once. */
    static final Duration HELLO_LIMIT = Duration.ofSeconds(5);

    /**
     * Whether whoever connected is this worker: a process of this user (the kernel says who, by
     * {@code SO_PEERCRED}), whose first frame, within {@link #HELLO_LIMIT}, is a hello with the
     * worker's token. Anything else (another user, silence, a malformed frame) is dropped, and
     * the worker, which may connect next, is still waited for.
     */
    private boolean provesItself(SocketChannel candidate, InputStream candidateIn) throws IOException {
        try {
            var peer = candidate.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(OWNER)) {
                LOG.log(System.Logger.Level.WARNING, "[{0}] dropped a connection from user {1} to worker {2}''s socket",
                        settings.poolName(), peer.user().getName(), String.valueOf(pid()));
                return false;
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no peer credentials on this platform: the token alone decides
        }
        var dropSilent = settings.watch().schedule(() -> {
            try {
                candidate.close();
            } catch (IOException e) {
                // closed already
            }
        }, HELLO_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        Frames.Hello hello;
        try {
            byte[] first = Frames.read(candidateIn, 1024);
            if (first == null) {
                return false;
            }
            hello = decoder.hello(first);
        } catch (IOException silentOrGarbled) {   // closed by the limit above, or not a frame of ours
            return false;
        } finally {
            dropSilent.cancel(false);
        }
        return MessageDigest.isEqual(hello.token(), expectedToken());
    }

    /** This process's user (by uid), whom a worker's connection must come from. */
    private static final java.nio.file.attribute.UserPrincipal OWNER = PrivateDirectory.CURRENT_USER;

    private byte[] expectedToken() throws IOException {
        try {
            return token.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to worker " + pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("worker " + pid() + " was never handed its token", e);
        }
    }

    /** Counts every byte read as a sign of life. */
    private InputStream heard(InputStream raw) {
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                lastHeard = System.nanoTime();
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                lastHeard = System.nanoTime();
                return n;
            }
        };
    }

    private void closeServer() {
        try {
            server.close();
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            // the directory goes with the pool
        }
    }

    /**
     * Writes one frame, counted as one more to be answered, into the channel's buffer ({@link #flush}
     * sends it); an IOException means the worker is
     * gone. The silence clock starts again whenever a worker is given work (before the count, so
     * the watch never sees an old clock on a busy worker): an idle worker's heartbeats wait unread
     * in the socket, so what was last read from it may be old. Its conductor only.
     */
    void send(byte[] frame) throws IOException {
        lastHeard = System.nanoTime();
        unanswered++;
        sentIds.addLast(Frames.taskId(frame));
        Frames.append(out, frame);
    }

    /** Sends what {@link #send} wrote, in one write: the frames are in the worker's socket when it returns. Its conductor only. */
    void flush() throws IOException {
        out.flush();
    }

    /** The size of the last reply {@link #receive()} read, in bytes. Its conductor only. */
    int lastReplyBytes() {
        return lastReplyBytes;
    }

    private int lastReplyBytes;
    private long lastReplyAt;

    /**
     * When the last frame {@link #receive()} read came off the socket (System.nanoTime), before it
     * was decoded: the moment a task sent ahead began, as near as this side can see it, since the
     * worker starts it as it writes that reply. Its conductor only.
     */
    long lastReplyAt() {
        return lastReplyAt;
    }

    /**
     * Its resident memory now, in bytes ({@code VmRSS} of {@code /proc/PID/status}: heap, code,
     * stacks and all), or -1 where the kernel does not say.
     */
    long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // ended, or no /proc: unknown
        }
        return -1;
    }

    /** Why it is to be retired once it has answered what it was sent (over its pool's memory limit), or null. */
    private String retiring;

    /** It is to be retired once it has answered what it was sent: no task more is sent ahead to it. Its conductor only. */
    void retireWhenAnswered(String why) {
        retiring = why;
    }

    /** Why it is to be retired once it has answered what it was sent, or null. */
    String retiring() {
        return retiring;
    }

    /** Whether a frame sent to it is not answered yet: it has work. */
    boolean isBusy() {
        return unanswered > 0;
    }

    /** One more task answered, of those its conductor ran on it: how many that makes. Its conductor only. */
    int taskDone() {
        return ++tasksRun;
    }

    /** Tasks answered so far, counted by {@link #taskDone()}. */
    int tasksRun() {
        return tasksRun;
    }

    /** The watch found it silent with work: it is killed, and its task is failed as unresponsive. */
    void killForSilence() {
        silent = true;
        kill();
    }

    /** Whether the watch killed it for silence. */
    boolean wasSilent() {
        return silent;
    }

    /** A task's time limit (or cancel) killed it: the death is that task's, not the others'. */
    void killFor(RemoteFuture<?> task) {
        killedFor = task;
        kill();
    }

    /** The task whose time limit killed it, or null. */
    RemoteFuture<?> killedFor() {
        return killedFor;
    }

    /** Why it was killed for a frame that was not its answer, or null. */
    String violation() {
        return violation;
    }

    /** The task that ran when that frame came. */
    long violationTask() {
        return violationTask;
    }

    /** The ids of the task frames sent and not yet answered, oldest first; its conductor only. */
    private final java.util.ArrayDeque<Long> sentIds = new java.util.ArrayDeque<>();

    /**
     * Set when the worker sent a receipt or a reply for a task other than the one due (something
     * in it wrote to its socket, or its frames are corrupt): it was killed, and this says why.
     */
    private volatile String violation;
    /** The task that ran when the frame behind {@link #violation} came: the violation is its doing, no other's. */
    private volatile long violationTask = Frames.NO_TASK;

    /**
     * Checks that a receipt or reply names the task due; the worker is killed when not. A receipt
     * is due for the oldest task not yet receipted, a reply for the oldest not yet answered.
     */
    private void match(Frames.Reply r) throws IOException {
        int due = r.isReceipt() ? (int) (received - replies) : 0;
        Long expected = null;
        java.util.Iterator<Long> ids = sentIds.iterator();   // one or two ids: the task running, and one sent ahead
        for (int k = 0; k <= due && ids.hasNext(); k++) {
            Long id = ids.next();
            if (k == due) {
                expected = id;
            }
        }
        if (expected != null && expected == r.task()) {
            return;
        }
        Long running = sentIds.peekFirst();
        violationTask = running == null ? Frames.NO_TASK : running;
        violation = "worker " + pid() + " sent a " + (r.isReceipt() ? "receipt" : "reply") + " for "
                + (r.task() == Frames.NO_TASK ? "no task it could name" : "task " + r.task())
                + (expected == null ? ", where none was due" : ", where task " + expected + " was due")
                + (r.failure() != null ? " (" + r.failure() + ")" : "")
                + ": a frame that is not its answer (something in it wrote to its socket, or the frame is corrupt); it was killed";
        LOG.log(System.Logger.Level.WARNING, "[{0}] {1}", settings.poolName(), violation);
        kill();
        throw new IOException(violation);
    }

    /** Reads the reply to the oldest frame not yet answered, past any heartbeats; an IOException means the worker is gone. */
    Frames.Reply receive() throws IOException {
        while (true) {
            byte[] reply = Frames.read(in, settings.maxFrame());
            if (reply == null) {
                throw new IOException("worker " + pid() + " ended during the task");
            }
            lastReplyBytes = reply.length;
            lastReplyAt = System.nanoTime();
            Frames.Reply r;
            try {
                // A value not admitted here (the filter), or unreadable, is still the reply to its task: it fails that task.
                r = decoder.reply(reply);
            } catch (IOException notAReply) {   // no tag or task id to be read
                r = new Frames.Reply(null, notAReply, pid(), Frames.NO_TASK);
            }
            if (r.isHeartbeat()) {
                continue;
            }
            match(r);
            if (r.isReceipt()) {
                received++;
            } else {
                replies++;
                sentIds.pollFirst();
                unanswered--;
                return r;
            }
        }
    }

    /** Task frames the worker said it has read, and replies read from it; its conductor only. */
    private long received;
    private long replies;

    /**
     * Whether the worker had read the task it owes the next reply for: false when it died before
     * (while idle, say), so that the task never reached it and may go to another.
     */
    boolean hasTheNextTask() {
        return received > replies;
    }

    /**
     * After the JVM has ended: the replies it wrote that were not read yet, in order (a reply on
     * its way when a time limit killed it), counting the word of frames it received among them.
     * Nothing blocks: the writer is gone, and the socket gives what it holds, then its end.
     */
    List<Frames.Reply> leftOver() {
        List<Frames.Reply> late = new java.util.ArrayList<>();
        if (in == null) {
            return late;
        }
        try {
            for (byte[] frame; (frame = Frames.read(in, settings.maxFrame())) != null; ) {
                Frames.Reply r;
                try {
                    r = decoder.reply(frame);
                } catch (IOException notAReply) {
                    r = new Frames.Reply(null, notAReply, pid(), Frames.NO_TASK);
                }
                if (r.isHeartbeat()) {
                    continue;
                }
                match(r);
                if (r.isReceipt()) {
                    received++;
                } else {
                    replies++;
                    sentIds.pollFirst();
                    unanswered--;
                    late.add(r);
                }
            }
        } catch (IOException | RuntimeException ended) {
            // the socket ended mid-frame: what was read is what there is
        }
        return late;
    }

    /** The task whose time limit or cancel killed this worker, if one did: the death is not the others'. */
    private volatile RemoteFuture<?> killedFor;

    /** Whether the JVM has ended (killed while idle, say): it must not be handed a task. */
    boolean hasEnded() {
        return !process.isAlive();
    }

    /** How long since the worker was last heard from. */
    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastHeard);
    }

    /** The worker JVM's CPU time in clock ticks at the last {@link #sample}, and when it last grew; the watch's only. */
    private long cpuTicks = -1;
    private long progressed = System.nanoTime();
    /** Whether it was stopped (SIGSTOP, a debugger) at the last {@link #sample}. */
    private boolean stopped;
    /** Whether this machine has a {@code /proc} to ask; where it has none, silence alone decides. */
    private static final boolean KERNEL_KNOWN = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self"));

    /**
     * Reads what the kernel says of the worker JVM ({@code /proc/PID/stat}: its state, and the
     * CPU time of all its threads): a JVM whose threads are held at a safepoint by one task
     * thread in a long counted loop sends no heartbeat, but its CPU time grows; a stopped one's
     * does not. The watch calls it every check, for each busy worker.
     */
    void sample(long now) {
        if (!KERNEL_KNOWN) {
            return;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // f[0] is field 3, the state
            char state = f[0].charAt(0);
            long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
            stopped = state == 'T' || state == 't';
            if (ticks != cpuTicks && !stopped) {
                progressed = now;
            }
            cpuTicks = ticks;
        } catch (IOException | RuntimeException e) {
            // ended since it was listed: its conductor sees that
        }
    }

    /** Why {@link #unresponsive} said so, in words. */
    String why() {
        return !KERNEL_KNOWN ? "the kernel cannot say whether it runs" : stopped ? "stopped" : "making no progress (its CPU time has not grown)";
    }

    /** Forgets what was sampled: after the parent itself was paused, no one's silence during the pause counts. */
    void resetProgress(long now) {
        progressed = now;
    }

    /**
     * Whether the worker is unresponsive: silent past {@code limit}, and, where the kernel can
     * tell, stopped, or its CPU time not grown for as long (a silent JVM that computes is busy,
     * not dead: its task's time limit, if any, is what ends it).
     */
    boolean unresponsive(Duration limit, long now) {
        if (silentFor().compareTo(limit) <= 0) {
            return false;
        }
        return !KERNEL_KNOWN || stopped || now - progressed > limit.toNanos();
    }

    /** Lets it end on its own: its channel closes and it exits; killed if it has not within the liveness limit (a stopped JVM cannot exit). */
    void retire() {
        closeServer();
        if (!connected) {
            kill();   // never given anything: nothing to finish, and it may be waiting for a socket that is gone
            return;
        }
        synchronized (this) {
            try {
                Frames.write(out, Frames.goodbye());   // a few bytes: the socket takes them at once
            } catch (IOException gone) {
                // it ended already
            }
            closeChannel();
        }
        if (process.isAlive()) {
            try {
                settings.watch().schedule(this::kill, settings.liveness().toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException poolGone) {
                kill();
            }
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // already gone
        }
    }

    /** Kills the worker JVM and, first, what its tasks started: a grandchild holding fd 1 or 2 would keep its readers waiting. */
    void kill() {
        closeServer();
        process.destroyTree();
    }

    @Override
    public String toString() {
        return "worker " + pid();
    }
}
