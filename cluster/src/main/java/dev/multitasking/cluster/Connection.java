package dev.multitasking.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import dev.multitasking.core.Batch;
import dev.multitasking.core.Spanned;
import dev.multitasking.core.Task;
import dev.multitasking.core.Timed;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;

/**
 * A Hazelcast client connected to a cluster of {@link Member}s: runs the project's tasks on the
 * members' durable executor and gets every result back, even when a member dies mid-run.
 *
 * <p>Why the durable executor: it stores each task in a partition and in that partition's
 * backup on another member, so a member that dies while running a task costs time, not the
 * result; the backup's member runs it again. Should a result still be lost on its way (the
 * client's connection was to the dead member), the task is sent again, a bounded number of
 * times: the project's tasks are pure computations, so running one twice is harmless.
 */
public final class Connection implements AutoCloseable {

    /** How many times one task may be sent again after member losses before its failure stands. */
    private static final int RESENDS = 3;

    private final HazelcastInstance client;
    private final DurableExecutorService executor;

    private Connection(HazelcastInstance client) {
        this.client = client;
        this.executor = client.getDurableExecutorService(Settings.EXECUTOR);
    }

    /**
     * Connects to the cluster named {@code clusterName} at any of {@code addresses}.
     *
     * @throws IOException when no member answers within {@code timeout}, with one line that says so
     */
    public static Connection to(String clusterName, List<HostPort> addresses, Duration timeout) throws IOException {
        Settings.quietLogging(Level.SEVERE);
        try {
            return new Connection(HazelcastClient.newHazelcastClient(
                    Settings.client(clusterName, addresses.stream().map(HostPort::toString).toList(), timeout)));
        } catch (IllegalStateException e) {   // what HazelcastClient throws when it cannot reach the cluster
            throw new IOException("no Hazelcast cluster '" + clusterName + "' answered at " + addresses + " within "
                    + timeout.toSeconds() + " s", e);
        }
    }

    /** The members the cluster has now, as {@code host:port}. */
    public List<String> members() {
        return client.getCluster().getMembers().stream().map(m -> m.getAddress().getHost() + ":" + m.getAddress().getPort()).toList();
    }

    /** Waits until the cluster has {@code n} members. */
    public void awaitMembers(int n, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (client.getCluster().getMembers().size() != n) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the cluster has " + members() + ", not " + n + " members, after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Runs one task on a member and waits for its value. */
    public <T> T call(Task<T> task) throws InterruptedException, ExecutionException {
        return invokeAll(List.of(task)).results().getFirst();
    }

    /**
     * Runs every task on the members and waits for all of them.
     *
     * @return results in task order, with the span each task recorded on the member that ran it
     * @throws ExecutionException when a task fails (its own exception as the cause), or when a
     *                            task was lost to member failures more often than it may be resent
     */
    public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
        List<DurableExecutorServiceFuture<Timed<T>>> futures = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            futures.add(executor.submit(new Spanned<>(i, tasks.get(i))));
        }
        List<Timed<T>> timed = new ArrayList<>(tasks.size());
        List<Long> toDispose = new ArrayList<>(tasks.size());
        try {
            for (int i = 0; i < tasks.size(); i++) {
                timed.add(await(i, tasks.get(i), futures.get(i), toDispose));
            }
        } finally {
            for (long id : toDispose) {
                try {
                    executor.disposeResult(id);
                } catch (RuntimeException e) {
                    // a member gone with it: nothing left to dispose of
                }
            }
        }
        return Batch.of(timed);
    }

    private <T> Timed<T> await(int index, Task<T> task, DurableExecutorServiceFuture<Timed<T>> first, List<Long> toDispose)
            throws InterruptedException, ExecutionException {
        DurableExecutorServiceFuture<Timed<T>> future = first;
        for (int resend = 0; ; resend++) {
            toDispose.add(future.getTaskId());
            Future<Timed<T>> result = future;
            for (int retrieve = 0; ; retrieve++) {
                Timed<T> value;
                try {
                    value = result.get();
                } catch (ExecutionException e) {
                    if (!lostToAMember(e.getCause())) {
                        throw new ExecutionException("task " + index + " (" + task + ") failed: " + e.getCause(), e.getCause());
                    }
                    if (retrieve < 1) {
                        // The task lives on in its partition's backup: ask where the partition is now.
                        result = executor.retrieveResult(future.getTaskId());
                        continue;
                    }
                    if (resend >= RESENDS) {
                        throw new ExecutionException("task " + index + " (" + task + ") was lost to member failures "
                                + (resend + 1) + " times: " + e.getCause(), e.getCause());
                    }
                    break;
                }
                if (value != null) {
                    return value;
                }
                // No result where the partition is now: the member that ran it left before its backup had the
                // result. Every answer is a Timed (a task's own null is inside one), so a null is a lost task.
                if (resend >= RESENDS) {
                    throw new ExecutionException("task " + index + " (" + task + ") was lost to member failures " + (resend + 1) + " times",
                            null);
                }
                break;
            }
            future = executor.submit(new Spanned<>(index, task));
        }
    }

    /** Whether a failure says the member running the task went away, not that the task failed. */
    private static boolean lostToAMember(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof TargetDisconnectedException
                    || t instanceof TargetNotMemberException || t instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
