package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * I/O-bound work: N blocking HTTP requests to a local server that answers each one after
 * {@code latency}. A worker spends almost all of its time waiting, so the number of workers, not
 * the number of cores, sets the pace.
 *
 * <p>Oracle: every task got its own answer back ({@code request i} answers {@code i}), and the
 * server counted exactly N requests.
 *
 * @param requests how many requests (tasks)
 * @param latency  how long the server waits before each answer
 * @param server   the address of a server already running in another JVM ({@link IoServer}),
 *                 or null to start one in this JVM when prepared
 */
public record IoWorkload(int requests, Duration latency, String server) implements Workload<String> {

    static final long MAX_REQUESTS = 100_000;
    static final Duration DEFAULT_LATENCY = Duration.ofMillis(50);
    static final Duration MAX_LATENCY = Duration.ofSeconds(60);

    /** Requests to a server of its own, started when prepared. */
    public IoWorkload(int requests, Duration latency) {
        this(requests, latency, null);
    }

    public IoWorkload {
        if (server != null && server.endsWith("/")) {
            server = server.substring(0, server.length() - 1);
        }
        if (requests < 1 || requests > MAX_REQUESTS || latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
            throw new IllegalArgumentException("need 1 <= N <= 100000 and 0 <= latency <= 60s, got io:" + requests + ":" + latency);
        }
    }

    @Override
    public String spec() {
        return "io:" + requests + ":" + latency.toMillis() + "ms";
    }

    /** Its tasks wait for the server: more threads than cores overlap the waits. */
    @Override
    public boolean cpuBound() {
        return false;
    }

    @Override
    public String description() {
        return requests + " HTTP requests to 127.0.0.1, each answered after " + latency.toMillis() + " ms";
    }

    /** The same requests, sent to the server at {@code address} ({@code http://127.0.0.1:port}) in another JVM. */
    public IoWorkload against(String address) {
        return new IoWorkload(requests, latency, address);
    }

    /**
     * Starts the local server, or, when given one running in another JVM ({@link #against}),
     * uses that one after checking that it answers with this latency.
     */
    @Override
    public PreparedWorkload<String> prepare() {
        return server == null ? prepareLocal() : prepareAgainst(server);
    }

    private PreparedWorkload<String> prepareAgainst(String server) {
        Duration timeout = latency.plusSeconds(30);
        long[] before = counted(server, timeout);
        if (before[1] != latency.toMillis()) {
            throw new IllegalStateException("the io server at " + server + " answers after " + before[1] + " ms, but the workload asks for "
                    + latency.toMillis() + " ms");
        }
        List<Task<String>> tasks = IntStream.range(0, requests)
                .<Task<String>>mapToObj(i -> new Fetch(URI.create(server + DelayServer.PATH + i), timeout))
                .toList();
        return new Prepared<>(tasks, results -> {
            Verdict each = eachItsOwn(tasks, results);
            if (!each.ok()) {
                return each;
            }
            long answered = counted(server, timeout)[0] - before[0];
            return answered >= requests
                    ? Verdict.right(requests + " answers received (server in another JVM)")
                    : Verdict.wrong("the server answered " + answered + " of " + requests + " requests");
        });
    }

    /** {answered so far, latency in ms} from a server's count page. */
    private static long[] counted(String server, Duration timeout) {
        try {
            String[] parts = new Fetch(URI.create(server + DelayServer.COUNT_PATH), timeout).call().strip().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("no io server answers at " + server + ": " + e.getMessage(), e);
        }
    }

    private static Verdict eachItsOwn(List<Task<String>> tasks, List<String> results) {
        for (int i = 0; i < results.size(); i++) {
            if (!String.valueOf(i).equals(results.get(i))) {
                return Verdict.wrong("task " + i + " (" + tasks.get(i) + ") returned '" + results.get(i) + "', expected '" + i + "'");
            }
        }
        return Verdict.right("");
    }

    private PreparedWorkload<String> prepareLocal() {
        DelayServer server = DelayServer.start(latency);
        // Generous: a request waits for the latency plus its turn among the others on a slow machine.
        Duration timeout = latency.plusSeconds(30);
        List<Task<String>> tasks = IntStream.range(0, requests)
                .<Task<String>>mapToObj(i -> new Fetch(URI.create(server.uri() + DelayServer.PATH + i), timeout))
                .toList();
        return new Prepared<>(tasks, results -> {
            Verdict each = eachItsOwn(tasks, results);
            if (!each.ok()) {
                return each;
            }
            // The count of answers, not of requests: a request that failed after arriving was not answered.
            long answered = server.answered();
            return answered >= requests
                    ? Verdict.right(requests + " answers received")
                    : Verdict.wrong("the server answered " + answered + " of " + requests + " requests");
        }, server);
    }
}
