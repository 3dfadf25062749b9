package dev.multitasking.cluster.lesson;

import dev.multitasking.core.NumberText;
import dev.multitasking.cluster.ClusterStrategy;
import dev.multitasking.core.ExecutorWorkers;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * <b>Scale-up against scale-out.</b> The lecture's two ways to more computing: make one computer
 * bigger (here: more threads in one JVM, on more cores), or use many computers as one (here:
 * more Hazelcast members, each a JVM of its own, one task at a time each). Both run the same
 * {@code count} tasks; for each, the lesson prints what starting the workers cost and the
 * speedup over one thread.
 *
 * <p>What it shows on one machine: members cost seconds to start (a JVM each, then joining the
 * cluster), threads microseconds; once running, members pay for every task a network round
 * trip, serialization and a backup copy, so on the same cores they reach less speedup than
 * threads do. Scale-out wins when the work needs more cores (or memory) than one machine has:
 * start members on other machines ({@link dev.multitasking.cluster.Member}), and the same
 * tasks run there unchanged.
 *
 * <p>Run: {@code ./primes demo scale-01} (up to 3 threads and 3 members; give another maximum
 * as the argument). Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * count:3000000:48 on 2 cores; best of 3 runs after warming up until steady
 *          workers   start ms    wall ms  speedup
 * threads        1          1      123.6    1.00x
 * threads        2          0       69.8    1.77x
 * threads        3          0       86.1    1.44x
 * members        1       3034      134.2    0.92x
 * members        2       1497      134.1    0.92x
 * members        3       3623      141.8    0.87x
 * (speedup: over 1 thread; sequential would be about the same as 1 thread)
 * </pre>
 */
public final class Scale_01_UpVersusOut {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Threads start in microseconds and scale with the cores; cluster members cost seconds to start and a round trip per task.";

    private Scale_01_UpVersusOut() {
    }

    /** One row: how the workers were made, how many, what starting them cost, the best run. */
    record Row(String kind, int workers, long startMillis, double wallMillis, double speedup) {
    }

    static final String WORKLOAD = "count:3000000:48";

    /** Threads 1..max, then members 1..max, on {@code workload}; speedups over one thread. */
    static List<Row> measure(int max, String workload) throws Exception {
        Workload<?> w = Workload.parse(workload);
        return measure(max, w);
    }

    private static <T> List<Row> measure(int max, Workload<T> workload) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            double baseline = 0;
            for (int n = 1; n <= max; n++) {
                Row r = best("threads", n, k -> new ExecutorWorkers(Executors.newFixedThreadPool(k)), prepared);
                baseline = n == 1 ? r.wallMillis() : baseline;
                rows.add(new Row(r.kind(), n, r.startMillis(), r.wallMillis(), baseline / r.wallMillis()));
            }
            ClusterStrategy members = new ClusterStrategy();
            for (int n = 1; n <= max; n++) {
                Row r = best("members", n, members::start, prepared);
                rows.add(new Row(r.kind(), n, r.startMillis(), r.wallMillis(), baseline / r.wallMillis()));
            }
        }
        return rows;
    }

    /** Starts the workers once, warms them up until steady (at least one run), and keeps the best of three timed runs (each checked). */
    private static <T> Row best(String kind, int n, Trial.Starter starter, PreparedWorkload<T> prepared) throws Exception {
        try (Trial<T> trial = Trial.start(kind, n, starter, prepared)) {
            RunStats best = trial.runs(1, 3).fastest().stats();
            return new Row(kind, n, best.startupNanos() / 1_000_000, best.wallNanos() / 1e6, 0);
        }
    }

    public static void main(String[] args) throws Exception {
        int max = args.length > 0 ? (int) NumberText.parseLong(args[0], "scale-01: the most members", 1, 16) : 3;
        System.out.println(WORKLOAD + " on " + Runtime.getRuntime().availableProcessors() + " cores; best of 3 runs after warming up until steady");
        System.out.printf("%-8s %7s %10s %10s %8s%n", "", "workers", "start ms", "wall ms", "speedup");
        for (Row r : measure(max, WORKLOAD)) {
            System.out.printf("%-8s %7d %10d %10.1f %7.2fx%n", r.kind(), r.workers(), r.startMillis(), r.wallMillis(), r.speedup());
        }
        System.out.println("(speedup: over 1 thread; " + SequentialStrategy.NAME + " would be about the same as 1 thread)");
    }
}
