package dev.multitasking.cluster.lesson;

import dev.multitasking.cluster.Connection;
import dev.multitasking.cluster.LocalCluster;
import dev.multitasking.core.Task;
import dev.multitasking.core.measure.RoundTrips;
import dev.multitasking.core.primes.CountPrimes;
import dev.multitasking.core.primes.Primes;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * <b>When a pool pays for itself.</b> Sections 8 and 11 leave every reader with one question:
 * should this run on threads, on processes, on a cluster? The answer is a ratio: how long a task
 * runs against what the pool charges to hand it out and bring its result back. This lesson
 * sweeps the task size from ten microseconds to a hundred milliseconds, every task the same
 * prime count over one range, and runs each size on a thread pool and a process pool of one
 * worker per core (and, with {@code --cluster}, a two-member Hazelcast cluster), then prints
 * each one's <i>efficiency</i>: the work's time on one thread over the pool's wall time times
 * its workers, the one-thread time taken on one of the pool's own workers (its own JVM, its own
 * compiled code), so that only the pool's overhead moves it. 100% is every worker computing all
 * the time; 50% is half the pool's time spent on handing out tasks, moving values and waiting.
 *
 * <p>Below the table, each pool's round trip (one trivial task, submitted and waited for, its
 * median) and the task sizes where its efficiency crosses 50% and 90%, read off the sweep
 * between the sizes measured ({@code <} the smallest or {@code >} the largest when it crosses
 * outside them). A pool that kept one task in flight per worker would cross 50%
 * at a task as long as its round trip and 90% at nine times it; a pool that sends the next
 * task ahead while one runs (the process pool does; a thread pool's queue does) crosses sooner.
 * The rule it leaves: a task should run for ten round trips of the pool it is given to, or be
 * batched until it does ({@code map}'s chunk size).
 *
 * <p>Each size runs in rounds, each pool in turn (its baseline, then its batch), one round of
 * warm-up and the best of 3 timed; every result is checked against the count in this JVM. An
 * efficiency above 100% would be more work than the workers can do: the line under the table
 * names each one as the baseline's spread (the machine ran that baseline slower than the batch),
 * not a result. The work per size is a few hundred
 * milliseconds on one thread (fewer tasks when they are large, never fewer than four per
 * worker), so the sweep takes seconds.
 *
 * <p>Run: {@code ./primes demo scale-03} ({@code ./primes demo scale-03 --cluster} adds the
 * cluster). Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * efficiency (the work's time on one of the pool's workers over wall time x workers), 2 cores
 *    task size   tasks   thread pool (2)  process pool (2)
 *         9 us    1000               55%               10%
 *        85 us    1000               69%               51%
 *       854 us     400               98%               96%
 *      8498 us      40               98%               98%
 *     84554 us       8               97%               89%
 * figures above 100%, more than the workers can do (the baseline ran slow: the machine's spread, not a result): 0 ""
 *                    round trip       50% from       90% from
 * thread pool             50 us         &lt; 9 us         450 us
 * process pool            85 us          99 us         712 us
 * (./primes demo scale-03 --cluster adds a two-member cluster)
 * </pre>
 */
public final class Scale_03_WhenAPoolPaysForItself {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A pool pays for itself once a task runs for several of its round trips: microseconds on threads, far more on processes.";

    /** Task sizes swept, in microseconds. */
    static final long[] SIZES_MICROS = {10, 100, 1_000, 10_000, 100_000};
    /** The numbers every task counts primes among start here: each number costs a few hundred nanoseconds. */
    private static final long BASE = 100_000_000L;
    /** Work per size on one thread, at most. */
    private static final long WORK_NANOS = 400_000_000L;
    private static final int MAX_TASKS = 1_000;
    private static final int TIMED = 3;
    /** An efficiency above this is more than the workers can do, by more than a timing's spread. */
    private static final double OVER = 1.05;

    private Scale_03_WhenAPoolPaysForItself() {
    }

    /** Runs a batch of tasks on one pool, results in task order. */
    interface Pool extends AutoCloseable {

        String name();

        int workers();

        List<Long> run(List<CountPrimes> tasks) throws Exception;

        /** One trivial task's round trip, submitted and waited for. */
        <T> T call(Task<T> task) throws Exception;

        @Override
        void close();
    }

    /**
     * One pool at one task size.
     *
     * @param efficiency the work's time on one thread over wall time times workers
     */
    record Point(long taskMicros, int tasks, long wallNanos, double efficiency) {
    }

    /** One pool's sweep, with its round trip's median. */
    record Sweep(String pool, int workers, long roundTripMicros, List<Point> points) {

        /**
         * The task size, in microseconds, where efficiency first reaches {@code level}
         * (interpolated on a log scale between the sizes measured); 0 when the smallest size
         * already reaches it, -1 when no size does.
         */
        double crossing(double level) {
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                if (p.efficiency() >= level) {
                    if (i == 0) {
                        return 0;
                    }
                    Point q = points.get(i - 1);
                    double f = (level - q.efficiency()) / (p.efficiency() - q.efficiency());
                    return Math.exp(Math.log(q.taskMicros()) + f * (Math.log(p.taskMicros()) - Math.log(q.taskMicros())));
                }
            }
            return -1;
        }
    }

    /**
     * Numbers per task for each size, from a timing of the count on this thread: the count over
     * {@code [BASE, BASE + n)} costs about {@code n} times the time per number measured here.
     */
    static double nanosPerNumber() {
        long span = 200_000;
        Primes.countPrimes(BASE, BASE + span);   // warm-up: compile the loop first
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Primes.countPrimes(BASE, BASE + span);
            best = Math.min(best, System.nanoTime() - start);
        }
        return (double) best / span;
    }

    /** The sweep on each pool: sizes outermost, so every pool runs each size while the machine is as it was for the others. */
    static List<Sweep> sweep(List<Pool> pools, long[] sizesMicros) throws Exception {
        double perNumber = nanosPerNumber();
        List<List<Point>> points = new ArrayList<>();
        pools.forEach(p -> points.add(new ArrayList<>()));
        for (long micros : sizesMicros) {
            long numbers = Math.max(1, Math.round(micros * 1000 / perNumber));
            int workers = pools.stream().mapToInt(Pool::workers).max().orElse(1);
            int tasks = (int) Math.max(4L * workers, Math.min(MAX_TASKS, WORK_NANOS / (micros * 1000)));
            CountPrimes one = new CountPrimes(BASE, BASE + numbers);
            List<CountPrimes> batch = Collections.nCopies(tasks, one);
            long expected = one.call();
            // Rounds: each pool runs the batch on one of its workers in a loop (the baseline, in
            // the JVM that runs its tasks), then as a batch; again and again; the first round
            // warms up. A baseline on this JVM's thread made worker JVMs, whose compiled loop
            // can run faster than this one's, look 115% efficient.
            long[] sequential = new long[pools.size()];
            long[] best = new long[pools.size()];
            java.util.Arrays.fill(sequential, Long.MAX_VALUE);
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            for (int round = 0; round <= TIMED; round++) {
                for (int p = 0; p < pools.size(); p++) {
                    Pool pool = pools.get(p);
                    long alone = round > 0 ? pool.call(new OneAfterAnother(one, tasks, expected)) : Long.MAX_VALUE;
                    long start = System.nanoTime();
                    List<Long> results = pool.run(batch);
                    long wall = System.nanoTime() - start;
                    check(pool, results, expected);
                    if (round > 0) {
                        sequential[p] = Math.min(sequential[p], alone);
                        best[p] = Math.min(best[p], wall);
                    }
                }
            }
            for (int p = 0; p < pools.size(); p++) {
                int working = Math.min(pools.get(p).workers(), Runtime.getRuntime().availableProcessors());
                points.get(p).add(new Point(Math.round(sequential[p] / 1000.0 / tasks), tasks, best[p],
                        (double) sequential[p] / (best[p] * working)));
            }
        }
        List<Sweep> sweeps = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            Pool pool = pools.get(p);
            long[] trips = RoundTrips.time(pool::call, 500);
            sweeps.add(new Sweep(pool.name(), pool.workers(), RoundTrips.percentileMicros(trips, 50), points.get(p)));
        }
        return sweeps;
    }

    /**
     * The baseline, run where the pool runs its tasks: {@code times} runs of {@code task} one
     * after another on one worker; its value is how long they took, in nanoseconds.
     */
    record OneAfterAnother(CountPrimes task, int times, long expected) implements Task<Long> {
        @Override
        public Long call() {
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                if (task.call() != expected) {
                    throw new IllegalStateException("WRONG: a worker counted " + task.call() + ", this JVM " + expected);
                }
            }
            return System.nanoTime() - start;
        }
    }

    private static void check(Pool pool, List<Long> results, long expected) {
        for (long r : results) {
            if (r != expected) {
                throw new IllegalStateException("WRONG: " + pool.name() + " counted " + r + ", one thread " + expected);
            }
        }
    }

    /** A pool behind an {@link ExecutorService}: the JDK's fixed thread pool, or the project's process pool. */
    static Pool executor(String name, int workers, ExecutorService executor) {
        return new Pool() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int workers() {
                return workers;
            }

            @Override
            public List<Long> run(List<CountPrimes> tasks) throws Exception {
                List<Long> results = new ArrayList<>(tasks.size());
                for (Future<Long> f : executor.invokeAll(tasks)) {
                    results.add(f.get());
                }
                return results;
            }

            @Override
            public <T> T call(Task<T> task) throws Exception {
                return executor.submit(task).get();
            }

            @Override
            public void close() {
                executor.close();
            }
        };
    }

    /** A cluster of {@code members} on this machine, tasks sent from a client; as many workers as cores, which the members share. */
    static Pool cluster(int members) throws Exception {
        LocalCluster cluster = LocalCluster.start(members, Duration.ofSeconds(90));
        Connection connection;
        try {
            connection = cluster.connect(Duration.ofSeconds(15));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new Pool() {
            @Override
            public String name() {
                return "cluster of " + members;
            }

            @Override
            public int workers() {
                return Runtime.getRuntime().availableProcessors();
            }

            @Override
            public List<Long> run(List<CountPrimes> tasks) throws Exception {
                return connection.invokeAll(tasks).results();
            }

            @Override
            public <T> T call(Task<T> task) throws Exception {
                return connection.call(task);
            }

            @Override
            public void close() {
                connection.close();
                cluster.close();
            }
        };
    }

    /** {@code [--cluster] [task sizes in microseconds...]}: 10 us to 100 ms unless told. */
    public static void main(String[] args) throws Exception {
        boolean withCluster = List.of(args).contains("--cluster");
        long[] sizes = java.util.Arrays.stream(args).filter(a -> !a.equals("--cluster"))
                .mapToLong(a -> dev.multitasking.core.NumberText.parseLong(a, "scale-03: a task size in microseconds", 1, 10_000_000)).toArray();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Pool> pools = new ArrayList<>();
        try {
            pools.add(executor("thread pool", cores, Executors.newFixedThreadPool(cores)));
            pools.add(executor("process pool", cores, new ProcessPoolExecutor(cores)));
            if (withCluster) {
                pools.add(cluster(2));
            }
            List<Sweep> sweeps = sweep(pools, sizes.length > 0 ? sizes : SIZES_MICROS);
            System.out.printf("efficiency (the work's time on one of the pool's workers over wall time x workers), %d cores%n", cores);
            StringBuilder header = new StringBuilder(String.format("%12s %7s", "task size", "tasks"));
            for (Sweep s : sweeps) {
                header.append(String.format(" %17s", s.pool() + " (" + s.workers() + ")"));
            }
            System.out.println(header);
            List<String> over = new ArrayList<>();
            for (int i = 0; i < sweeps.get(0).points().size(); i++) {
                Point first = sweeps.get(0).points().get(i);
                StringBuilder row = new StringBuilder(String.format("%9d us %7d", first.taskMicros(), first.tasks()));
                for (Sweep s : sweeps) {
                    double e = s.points().get(i).efficiency();
                    row.append(String.format(" %16.0f%%", 100 * e));
                    if (e > OVER) {
                        over.add(s.pool() + " at " + first.taskMicros() + " us");
                    }
                }
                System.out.println(row);
            }
            // Always printed, so that the output keeps its shape: how many, and which, in one quoted list.
            System.out.printf("figures above 100%%, more than the workers can do (the baseline ran slow: the machine's spread, not a result): %d \"%s\"%n",
                    over.size(), String.join("; ", over));
            System.out.printf("%-16s %12s %14s %14s%n", "", "round trip", "50% from", "90% from");
            for (Sweep s : sweeps) {
                long smallest = s.points().get(0).taskMicros();
                long largest = s.points().get(s.points().size() - 1).taskMicros();
                System.out.printf("%-16s %9d us %14s %14s%n", s.pool(), s.roundTripMicros(), micros(s.crossing(0.5), smallest, largest),
                        micros(s.crossing(0.9), smallest, largest));
            }
            if (!withCluster) {
                System.out.println("(./primes demo scale-03 --cluster adds a two-member cluster)");
            }
        } finally {
            pools.forEach(Pool::close);
        }
    }

    /** A crossing in words: below the smallest size measured, beyond the largest, or between. */
    private static String micros(double us, long smallest, long largest) {
        if (us < 0) {
            return "> " + micros(largest, smallest, largest);
        }
        if (us == 0) {
            return "< " + micros(smallest, smallest, largest);
        }
        return us < 1000 ? String.format("%.0f us", us) : String.format("%.1f ms", us / 1000);
    }
}
