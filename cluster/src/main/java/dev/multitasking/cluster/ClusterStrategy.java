package dev.multitasking.cluster;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Scale-out: tasks run on Hazelcast members through their durable executor, sent from a client
 * in this JVM. With no cluster named, {@link #start(int)} starts a {@link LocalCluster} of N
 * members on this machine (one task at a time each, so N members are N workers) and its
 * start-up is the cluster's formation. Given the option {@value #JOIN} = {@code host:port,...}
 * (what {@code primes compare --join} passes), it connects to that cluster instead, whatever its
 * size; {@value #CLUSTER_NAME} names that cluster when it is not the members' default.
 */
public final class ClusterStrategy implements Strategy {

    /** The option that names an existing cluster's members, {@code host:port,...}. */
    public static final String JOIN = "join";
    /** The option that names that cluster, if not {@value Member#DEFAULT_CLUSTER}. */
    public static final String CLUSTER_NAME = "cluster-name";

    static final Duration FORM_TIMEOUT = Duration.ofSeconds(90);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public String description() {
        return "Hazelcast: N member JVMs on this machine (or --join a cluster), tasks on their durable executor";
    }

    /**
     * What a local member JVM holds after work, rounded up: measured 218-229 MB resident (peak)
     * after three runs of {@code sieve:1e9} and one of {@code count:2000000} on 2 members
     * (Temurin 25, Hazelcast 5.7). A joined cluster's members are not on this machine: 0.
     */
    static final long MEMBER_BYTES = 288L << 20;

    @Override
    public long bytesPerWorker(Options options) {
        return options.get(JOIN, "").isBlank() ? MEMBER_BYTES : 0;
    }

    /** Refuses a {@value #JOIN} that is not {@code host:port,...}. */
    @Override
    public void check(Options options) {
        String join = options.get(JOIN, "");
        if (!join.isBlank()) {
            parse(join);
        }
    }

    /** Forming a cluster takes seconds: it runs when named, not by default. */
    @Override
    public boolean inDefaultSet() {
        return false;
    }

    @Override
    public Workers start(int workers) throws Exception {
        return start(workers, Options.NONE);
    }

    @Override
    public Workers start(int workers, Options options) throws Exception {
        String join = options.get(JOIN, "");
        if (!join.isBlank()) {
            return new ClusterWorkers(null, Connection.to(options.get(CLUSTER_NAME, Member.DEFAULT_CLUSTER), parse(join), CONNECT_TIMEOUT));
        }
        LocalCluster cluster = LocalCluster.start(workers, FORM_TIMEOUT);
        try {
            return new ClusterWorkers(cluster, cluster.connect(CONNECT_TIMEOUT));
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Reads {@code host:port,...}; a bad one gets an IllegalArgumentException that says what was expected. */
    public static List<HostPort> parse(String addresses) {
        List<HostPort> list = new ArrayList<>();
        for (String a : addresses.split(",")) {
            list.add(HostPort.parse(a.strip()));
        }
        return List.copyOf(list);
    }

    private record ClusterWorkers(LocalCluster cluster, Connection connection) implements Workers {

        @Override
        public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
            return connection.invokeAll(tasks);
        }

        @Override
        public long childCpuNanos() {
            return cluster == null ? 0 : cluster.cpuNanos();
        }

        @Override
        public List<Long> childPids() {
            return cluster == null ? List.of() : cluster.pids();
        }

        @Override
        public void close() {
            connection.close();
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
