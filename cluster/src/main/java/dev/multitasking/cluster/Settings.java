package dev.multitasking.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.multitasking.processes.AdmittedClasses;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How this project configures Hazelcast, in one place: members and clients agree on the cluster
 * name, the executor, and what Java serialization may build.
 */
final class Settings {

    /** The durable executor every member offers and every client submits to. */
    static final String EXECUTOR = "multitasking";

    /**
     * Hazelcast's own exceptions, which members send each other as Java serialization (an
     * operation's error response): the packages that hold them (exactly those packages, whose
     * other serializable types are enums, events and interfaces), and the few that live in
     * internal packages, by name. Without them a member could not tell another that a partition
     * is migrating, or that the task it asked for left with a member.
     */
    private static final List<String> HAZELCAST_EXCEPTION_PACKAGES = List.of("com.hazelcast.core", "com.hazelcast.spi.exception",
            "com.hazelcast.durableexecutor", "com.hazelcast.partition", "com.hazelcast.nio.serialization", "com.hazelcast.splitbrainprotection",
            "com.hazelcast.client");
    private static final List<String> HAZELCAST_INTERNAL_EXCEPTIONS = List.of(
            "com.hazelcast.internal.cluster.impl.ClusterTopologyChangedException", "com.hazelcast.internal.cluster.impl.ConfigMismatchException",
            "com.hazelcast.internal.cluster.impl.MasterNodeChangedException", "com.hazelcast.internal.cluster.impl.VersionMismatchException",
            "com.hazelcast.internal.partition.PartitionStateVersionMismatchException");

    /**
     * Held here: the JDK's LogManager keeps loggers only weakly, and a logger collected by the GC
     * comes back without the level set on it (Hazelcast's INFO lines then return mid-run).
     */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private Settings() {
    }

    /**
     * A member: joins over TCP-IP on the given addresses only (multicast and cloud auto-detection
     * off), binds to {@code host:port} exactly, runs {@code threads} tasks at a time, no Jet.
     */
    static Config member(String clusterName, String host, int port, List<String> members, int threads) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("member-" + host + ":" + port);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        config.getJetConfig().setEnabled(false);
        config.getDurableExecutorConfig(EXECUTOR).setPoolSize(threads).setDurability(1).setCapacity(1_000);
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter());
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        // LocalCluster starts one member first and the others after it: no need to wait for latecomers.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        // A member killed with kill -9 should be noticed in seconds, not the default minute.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        return config;
    }

    /** A client of the cluster at {@code addresses}, giving up after {@code connectTimeout}. */
    static ClientConfig client(String clusterName, List<String> addresses, Duration connectTimeout) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setInstanceName("multitasking-client-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        config.getNetworkConfig().setAddresses(addresses);
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectTimeout.toMillis())
                .setInitialBackoffMillis(100).setMaxBackoffMillis(1_000);
        config.getSerializationConfig().setJavaSerializationFilterConfig(filter());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        return config;
    }

    /**
     * What Java serialization may build on a member or a client: the project's list
     * ({@link AdmittedClasses}, the process pool's too), Hazelcast's exceptions, and arrays (an
     * array builds none of its elements: each is checked as it arrives). Hazelcast's defaults,
     * which admit every class under {@code java}, {@code javax} and {@code com.hazelcast}, are off.
     */
    static JavaSerializationFilterConfig filter() {
        ClassFilter allowed = new ClassFilter();
        for (String entry : AdmittedClasses.entries()) {
            if (entry.endsWith(".**")) {
                allowed.addPrefixes(entry.substring(0, entry.length() - 2));          // dev.multitasking.
            } else if (entry.endsWith(".*")) {
                allowed.addPackages(entry.substring(0, entry.length() - 2));          // java.lang, not its subpackages
            } else if (entry.endsWith("*")) {
                allowed.addPrefixes(entry.substring(0, entry.length() - 1));          // java.util.Collections$
            } else {
                allowed.addClasses(entry);
            }
        }
        HAZELCAST_EXCEPTION_PACKAGES.forEach(allowed::addPackages);
        HAZELCAST_INTERNAL_EXCEPTIONS.forEach(allowed::addClasses);
        allowed.addPrefixes("[");
        return new JavaSerializationFilterConfig().setDefaultsDisabled(true).setWhitelist(allowed);
    }

    /**
     * Hazelcast logs its banner and every step at INFO; a lesson's output is drowned in it. A
     * member keeps its warnings (they reach the parent's log with the member's address); a
     * client in this JVM keeps only errors, since what it fails at reaches the caller as an
     * exception of one clear line. Run with {@code -Dmultitasking.cluster.verbose=true} to see
     * it all.
     */
    static void quietLogging(Level level) {
        if (!Boolean.getBoolean("multitasking.cluster.verbose")) {
            HAZELCAST_LOG.setLevel(level);
        }
    }

    /**
     * JVM options for a member: SerialGC for a fast start (the JIT stays tiered: members run CPU-bound tasks), and the module
     * openings Hazelcast asks for (without them it warns at start, and on JDK 24+ the JVM warns
     * again about {@code sun.misc.Unsafe}).
     */
    static List<String> memberJvmOptions() {
        var options = new java.util.ArrayList<>(List.of("-XX:+UseSerialGC", "-Xshare:auto",
                "--add-modules", "java.se",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }
}
