package dev.multitasking.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

/**
 * The {@code main} of a cluster member: one Hazelcast member that joins its peers over TCP-IP
 * and runs the project's tasks on its durable executor.
 *
 * <pre>
 * java -cp 'cluster/target/lib/*:cluster/target/classes' dev.multitasking.cluster.Member \
 *     --cluster primes --address 10.0.0.5:5701 --members 10.0.0.5:5701,10.0.0.6:5701 [--threads 4]
 * </pre>
 *
 * <p>{@code --after host:port} makes a member wait until that address accepts connections
 * before it joins: members that start together and cannot reach each other yet would each
 * wait, then may elect masters of their own, and two clusters take minutes to merge. Start one
 * member first, the others {@code --after} it.
 *
 * <p>On one machine, give each member its own port on 127.0.0.1 ({@link LocalCluster} does). Across
 * machines, give each its own real address and list them all in {@code --members} on every
 * machine; each needs the project's classes on its class path, since tasks arrive as Java
 * serialization, not as code.
 *
 * <p>{@code --address host:0} binds any free port of {@code host} (the kernel chooses it as the
 * member binds, so no one can take it in between); the ready line says which. {@code --stdin}
 * reads more arguments from stdin's first line, tab-separated: {@link LocalCluster} gives its
 * members their cluster's name so, where {@code ps} cannot show it to other users.
 *
 * <p>When ready it prints one line on stdout, {@code ready <address> pid <pid>}, and runs until
 * its stdin ends (Ctrl-D, or the parent that started it closing the pipe or dying, even by
 * {@code kill -9}); then it leaves the cluster gracefully and exits. Bad arguments: one line on
 * stderr and exit code 2.
 */
public final class Member {

    static final String READY = "ready ";
    /** The cluster name when none is given. */
    public static final String DEFAULT_CLUSTER = "multitasking";

    private Member() {
    }

    /** Parsed arguments. */
    record Options(String cluster, String host, int port, List<String> members, int threads, HostPort after) {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options o;
        try {
            o = parse(withStdin(args));
        } catch (IllegalArgumentException e) {
            System.err.println("member: " + e.getMessage());
            System.exit(2);
            return;
        }
        Settings.quietLogging(Level.WARNING);
        if (o.after() != null && !reachable(o.after(), Duration.ofSeconds(60))) {
            System.err.println("member: " + o.after() + " did not come up within 60 s");
            System.exit(1);
        }
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(Settings.member(o.cluster(), o.host(), o.port(), o.members(), o.threads()));
        } catch (RuntimeException e) {   // a port in use, an address not of this machine: say it in one line
            System.err.println("member: could not start at " + o.host() + ":" + o.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        // The address it is bound to: with port 0, the one the kernel chose as it bound.
        com.hazelcast.cluster.Address bound = hz.getCluster().getLocalMember().getAddress();
        System.out.println(READY + bound.getHost() + ":" + bound.getPort() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // nothing to say to a member: wait for the end of stdin
        }
        hz.shutdown();
        System.exit(0);
    }

    /**
     * The arguments, with those of stdin's first line (tab-separated) in place of {@code --stdin}:
     * how a parent gives a member what others on the machine should not read off its command
     * line, the cluster's name above all. The rest of stdin is read as before, to its end.
     */
    static String[] withStdin(String[] args) throws IOException {
        List<String> all = new ArrayList<>();
        for (String a : args) {
            if (!a.equals(STDIN)) {
                all.add(a);
                continue;
            }
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            for (int b; (b = System.in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IllegalArgumentException("--stdin: stdin ended before its line of arguments");
                }
                if (line.size() >= MAX_STDIN_LINE) {
                    throw new IllegalArgumentException("--stdin: a line of arguments longer than " + MAX_STDIN_LINE + " bytes");
                }
                line.write(b);
            }
            String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                all.addAll(List.of(text.split("\t", -1)));
            }
        }
        return all.toArray(String[]::new);
    }

    /** The flag that reads the rest of the arguments from stdin's first line. */
    static final String STDIN = "--stdin";
    private static final int MAX_STDIN_LINE = 64 * 1024;

    /** Whether something accepts connections at {@code address} before {@code timeout} passes. */
    private static boolean reachable(HostPort address, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address.host(), address.port()), 1_000);
                return true;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    static Options parse(String[] args) {
        String cluster = DEFAULT_CLUSTER;
        String address = null;
        String members = null;
        HostPort after = null;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value; usage: --address host:port --members host:port,... [--cluster name] [--threads n] [--after host:port] [--stdin]");
            }
            String value = args[++i];
            switch (flag) {
                case "--cluster" -> cluster = value;
                case "--address" -> address = value;
                case "--members" -> members = value;
                case "--threads" -> threads = positive("--threads", value);
                case "--after" -> after = HostPort.parse(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + "; known: --address, --members, --cluster, --threads, --after, --stdin");
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("--address host:port is required");
        }
        // Port 0: any free port, chosen by the kernel as the member binds it (no one can take it in between).
        boolean anyPort = address.endsWith(":0");
        HostPort self = HostPort.parse(anyPort ? address.substring(0, address.length() - 1) + "1" : address);
        List<String> peers = new ArrayList<>();
        if (members != null) {
            for (String m : members.split(",")) {
                peers.add(HostPort.parse(m.strip()).toString());
            }
        }
        if (!anyPort && !peers.contains(self.toString())) {
            peers.add(self.toString());
        }
        return new Options(cluster, self.host(), anyPort ? 0 : self.port(), List.copyOf(peers), threads, after);
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(flag + " must be a whole number of at least 1, got '" + value + "'");
    }
}
