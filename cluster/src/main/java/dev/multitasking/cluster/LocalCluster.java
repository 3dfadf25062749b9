package dev.multitasking.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.multitasking.processes.ChildProcess;
import dev.multitasking.processes.ClassArchive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;

/**
 * N Hazelcast members on this machine, each a child JVM running {@link Member} on its own
 * port of 127.0.0.1, started in parallel through the processes module's {@link ChildProcess}.
 * {@link #start} returns once all N have formed one cluster; {@link #close} lets each leave
 * gracefully, kills any that does not within a few seconds, and returns when every member JVM
 * has ended. A JVM that dies without closing it leaves no member behind either: each member
 * exits when its stdin ends, and {@link ChildProcess}'s shutdown hook destroys them.
 *
 * <p>Who can join: Hazelcast's community edition has no authentication; a member or a client
 * that knows a cluster's name and one address is in. So the name is random (128 bits), reaches
 * the members on their stdin, never on a command line that {@code ps} shows every user, and is
 * known only to this JVM ({@link #clusterName()}); each member binds a port the kernel chooses
 * as it binds, so no port is ever free for another program to take between choosing and binding.
 * What it cannot stop: a process of the same user (which can read this JVM's memory anyway),
 * and anyone who can read loopback traffic (root).
 */
public final class LocalCluster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalCluster.class.getName());
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String clusterName;
    private final List<HostPort> addresses;
    private final List<ChildProcess.Launched> members;
    private final long formationNanos;
    /** The class archive one of these members writes as it exits, to publish once it has; null when none does. */
    private final ClassArchive dumping;

    private LocalCluster(String clusterName, List<HostPort> addresses, List<ChildProcess.Launched> members, long formationNanos,
            ClassArchive dumping) {
        this.clusterName = clusterName;
        this.addresses = addresses;
        this.members = members;
        this.formationNanos = formationNanos;
        this.dumping = dumping;
    }

    /**
     * Starts {@code size} members and waits until they form one cluster.
     *
     * @param formTimeout how long to wait for the members to be ready and joined
     * @throws IOException when a member cannot start or the cluster does not form in time; every
     *                     member started so far is gone by then
     */
    public static LocalCluster start(int size, Duration formTimeout) throws IOException, InterruptedException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least 1 member, got " + size);
        }
        long begin = System.nanoTime();
        // A name no one else on the machine can read or guess: it is the only thing a Hazelcast member
        // (community edition: no authentication) checks of another that wants to join, or of a client.
        String name = "multitasking-" + java.util.HexFormat.of().formatHex(randomBytes());
        List<ChildProcess.Launched> started = new ArrayList<>();
        List<String> jvmOptions = Settings.memberJvmOptions();
        ClassArchive archive = ClassArchive.of("member", System.getProperty("java.class.path"), jvmOptions).orElse(null);
        boolean fromArchive = archive != null && archive.exists();
        ClassArchive dumping = archive != null && !fromArchive ? archive : null;
        try {
            // All JVMs start at once, and wait for their arguments on stdin (never on the command line,
            // which any local user can read): the first is told to form the cluster on any free port of
            // 127.0.0.1; once it is ready, the others are told its address, and join it, each on a free
            // port of its own. The kernel chooses every port as it binds it: none is ever free to be taken.
            List<CompletableFuture<HostPort>> ready = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                List<String> options = fromArchive ? archive.forUse(jvmOptions)
                        : dumping != null && i == 0 ? dumping.forDump(jvmOptions) : jvmOptions;
                int n = i;
                ChildProcess.Launched m = ChildProcess.main(Member.class)
                        .jvmOptions(options.toArray(String[]::new))
                        .args(Member.STDIN)
                        .name("member-" + i)
                        .tailLines(30)
                        .onStderr(line -> LOG.log(System.Logger.Level.DEBUG, "[member {0}] {1}", n, line))
                        .talk()
                        .start();
                started.add(m);
                ready.add(readyLine(m));
            }
            long deadline = begin + formTimeout.toNanos();
            tell(started.getFirst(), name, null);
            HostPort first = awaitReady(0, ready, started, deadline, formTimeout);
            for (int i = 1; i < size; i++) {
                tell(started.get(i), name, first);
            }
            List<HostPort> addresses = new ArrayList<>(List.of(first));
            for (int i = 1; i < size; i++) {
                addresses.add(awaitReady(i, ready, started, deadline, formTimeout));
            }
            LocalCluster cluster = new LocalCluster(name, List.copyOf(addresses), List.copyOf(started), 0, null);
            try (Connection c = cluster.connect(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                c.awaitMembers(size, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            return new LocalCluster(name, List.copyOf(addresses), List.copyOf(started), System.nanoTime() - begin, dumping);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(started, dumping);
            throw e;
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Gives a waiting member its arguments: the cluster's name, any free port of 127.0.0.1, and whom to join. */
    private static void tell(ChildProcess.Launched member, String name, HostPort join) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cluster", name, "--address", "127.0.0.1:0", "--threads", "1"));
        if (join != null) {
            args.addAll(List.of("--members", join.toString()));
        }
        member.stdin().write((String.join("\t", args) + "\n").getBytes(StandardCharsets.UTF_8));
        member.stdin().flush();
    }

    private static HostPort awaitReady(int i, List<CompletableFuture<HostPort>> ready, List<ChildProcess.Launched> started, long deadline,
            Duration formTimeout) throws IOException, InterruptedException {
        try {
            return ready.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("member " + i + " (pid " + started.get(i).pid() + ") was not ready within " + formTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException("member " + i + " (pid " + started.get(i).pid() + ") did not start: " + e.getCause().getMessage()
                    + "; its last words: " + started.get(i).stderrTail(), e.getCause());
        }
    }

    /** Completes with the address of the member's ready line, or fails if it ends first. */
    private static CompletableFuture<HostPort> readyLine(ChildProcess.Launched member) {
        CompletableFuture<HostPort> ready = new CompletableFuture<>();
        Thread.ofVirtual().name("member-" + member.pid() + "-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(member.stdout(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(Member.READY)) {
                        // "ready 127.0.0.1:40123 pid 4711"
                        try {
                            ready.complete(HostPort.parse(line.substring(Member.READY.length()).split(" ")[0]));
                        } catch (IllegalArgumentException e) {
                            ready.completeExceptionally(new IOException("a ready line without an address: " + line));
                        }
                    }
                }
                ready.completeExceptionally(new IOException("it ended (exit code " + member.await().exitCode() + ")"));
            } catch (IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        });
        return ready;
    }

    /** The name of the durable executor the members offer. */
    public static final String EXECUTOR = Settings.EXECUTOR;

    /**
     * A lite member of this cluster in this JVM: it joins, holds no data and runs no tasks, but
     * can submit them. The caller shuts it down.
     */
    public HazelcastInstance embeddedLiteMember() throws IOException {
        Settings.quietLogging(Level.WARNING);
        Config config = Settings.member(clusterName, "127.0.0.1", 0, addresses.stream().map(HostPort::toString).toList(), 1)
                .setLiteMember(true);
        return Hazelcast.newHazelcastInstance(config);
    }

    /** A client of this cluster. */
    public Connection connect(Duration timeout) throws IOException {
        return Connection.to(clusterName, addresses, timeout);
    }

    public String clusterName() {
        return clusterName;
    }

    public List<HostPort> addresses() {
        return addresses;
    }

    /** The process ids of the member JVMs, in the order of {@link #addresses()}. */
    public List<Long> pids() {
        return members.stream().map(ChildProcess.Launched::pid).toList();
    }

    /** From launching the JVMs to a client seeing every member. */
    public Duration formation() {
        return Duration.ofNanos(formationNanos);
    }

    /** CPU time of the member JVMs still running, in nanoseconds. */
    public long cpuNanos() {
        return members.stream().filter(ChildProcess.Launched::isAlive)
                .mapToLong(m -> m.handle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** Kills member {@code i} with SIGKILL, as a crash would: no goodbye to the others. */
    public void kill(int i) {
        members.get(i).destroy();
    }

    /** Asks every member to leave (closing its stdin), kills those still there after a grace period, waits for all. */
    @Override
    public void close() {
        stop(members, dumping);
    }

    private static void stop(List<ChildProcess.Launched> members, ClassArchive dumping) {
        for (ChildProcess.Launched m : members) {
            try {
                m.stdin().close();
            } catch (IOException e) {
                // already gone
            }
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ChildProcess.Launched m : members) {
            try {
                m.completion().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                m.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                m.destroy();
            }
        }
        for (ChildProcess.Launched m : members) {
            m.close();   // destroys if still alive, and waits
        }
        if (dumping != null) {
            // The first member dumps; only a member that exited by itself has finished writing.
            ChildProcess.Result r = members.isEmpty() ? null : members.getFirst().completion().getNow(null);
            dumping.publish(r != null && r.exitCode() == 0 && !r.killed());
        }
    }

    @Override
    public String toString() {
        return clusterName + addresses;
    }
}
