package dev.multitasking.processes.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.processes.ProcessPoolExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * <b>Watching the pool: what its workers did, and when.</b> A pool that runs tasks in other
 * processes is hard to see into: a thread dump of this JVM shows conductors waiting on sockets,
 * and the work happens elsewhere. Python's pools offer nothing more; piscina, a Node.js pool,
 * keeps run and wait statistics. This pool keeps both kinds of record. {@code stats()} is a
 * snapshot: each outcome counted, and how long tasks waited for a worker and ran on one. Flight
 * Recorder, the JDK's always-available recorder, gets an event per task
 * ({@code dev.multitasking.processes.Task}: its outcome, its worker's pid, its queue wait, its run
 * time, the bytes each way), so a recording opened in JDK Mission Control shows the pool at work
 * beside the JVM's own events, and {@code jfr print --events dev.multitasking.processes.Task FILE}
 * prints them.
 *
 * <p>The lesson records itself: it starts a recording, runs twelve tasks on two workers (nine that
 * square a number in 20 ms, one that throws, one whose worker dies, one past its 200 ms time
 * limit), prints the pool's stats, then each event read back from the recording. The recording is
 * left in {@code target/processpool-05.jfr} for {@code jfr} or Mission Control.
 *
 * <p>How to read it. The waits include the workers' start: the tasks are submitted as the pool is
 * made, before its JVMs are up. The pool times a task from its side of the socket: a task sent
 * ahead to a busy worker starts, as the pool sees it, when the answer ahead of it arrives, so a
 * 20 ms task can read a millisecond or two off. The task whose worker died shows its worker's
 * pid; the tasks behind it went to the replacement.
 *
 * <p>Run: {@code ./primes demo processpool-05}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * stats(): 9 completed, 1 failed, 1 crashed, 1 timed out; 0 recycled, 0 queued now
 *   waited for a worker: median 205275 us, 90th percentile 349559 us, most 397575 us
 *   ran on one:          median 28077 us, 90th percentile 76375 us, most 218812 us
 * Flight Recorder, 12 events dev.multitasking.processes.Task, by outcome, each in the order they ended:
 *   task       outcome        worker       queued        ran    sent  received
 *   Work[n=2]  completed       23276     64612 us   74169 us   104 B      14 B
 *   Work[n=4]  completed       23276    163961 us   20827 us   104 B      14 B
 *   Work[n=5]  completed       23276    184748 us   21229 us   104 B      14 B
 *   Work[n=6]  completed       23316    349559 us   49130 us   208 B      14 B
 *   Work[n=1]  completed       23290    161046 us   76375 us   104 B      14 B
 *   Work[n=3]  completed       23290    219104 us   24346 us   104 B      14 B
 *   Work[n=7]  completed       23290    243304 us   21569 us   104 B      14 B
 *   Work[n=8]  completed       23290    263325 us   28077 us   104 B      14 B
 *   Work[n=9]  completed       23290    291710 us   21186 us   104 B      14 B
 *   Work[n=-1] failed          23276    134231 us   47740 us   104 B     936 B
 *   Work[n=-2] crashed         23276    205275 us   37013 us   104 B       0 B
 *   Work[n=-3] timed out       23316    397575 us  218812 us   104 B       0 B
 * the recording: /work/main/target/processpool-05.jfr (jfr print --events dev.multitasking.processes.Task FILE)
 * </pre>
 */
public final class ProcessPool_05_WatchingThePool {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A pool of other processes can be watched: stats() counts and times its tasks, Flight Recorder sees each one.";

    private ProcessPool_05_WatchingThePool() {
    }

    /** Squares n in 20 ms; throws for -1; halts its worker for -2; sleeps past any limit for -3. */
    record Work(int n) implements Task<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            switch (n) {
                case -1 -> throw new IllegalArgumentException("no square for -1, on purpose");
                case -2 -> Runtime.getRuntime().halt(9);
                case -3 -> Thread.sleep(60_000);
                default -> Thread.sleep(20);
            }
            return n * n;
        }
    }

    /** One task as its Flight Recorder event told it. */
    record Seen(String task, String outcome, long workerPid, long queuedMicros, long ranMicros, long bytesSent, long bytesReceived) {
    }

    /** What the pool said, and what the recording saw. */
    record Watched(ProcessPoolExecutor.Stats stats, List<Seen> events, Path recording) {
    }

    static Watched run(Path recording) throws Exception {
        ProcessPoolExecutor.Stats stats;
        try (Recording r = new Recording()) {
            r.enable("dev.multitasking.processes.Task");
            r.start();
            try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(2).name("watched").build()) {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int n : new int[] {1, 2, 3, -1, 4, 5, -2, 6, 7, -3, 8, 9}) {
                    futures.add(n == -3 ? pool.submit(new Work(n), Duration.ofMillis(200)) : pool.submit(new Work(n)));
                }
                for (Future<Integer> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        // the stats and the events count it
                    }
                }
                stats = pool.stats();
            }
            r.stop();
            Files.createDirectories(recording.toAbsolutePath().getParent());
            r.dump(recording);
        }
        List<Seen> events = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (e.getEventType().getName().equals("dev.multitasking.processes.Task")) {
                events.add(new Seen(e.getString("task"), e.getString("outcome"), e.getLong("workerPid"), e.getDuration("queued").toNanos() / 1000,
                        e.getDuration("ran").toNanos() / 1000, e.getLong("bytesSent"), e.getLong("bytesReceived")));
            }
        }
        return new Watched(stats, events, recording);
    }

    /** {@code [recording]}: where the recording goes, {@code target/processpool-05.jfr} unless told. */
    public static void main(String[] args) throws Exception {
        Watched w = run(Path.of(args.length > 0 ? args[0] : "target/processpool-05.jfr"));
        ProcessPoolExecutor.Stats s = w.stats();
        System.out.printf("stats(): %d completed, %d failed, %d crashed, %d timed out; %d recycled, %d queued now%n",
                s.completed(), s.failed(), s.crashed(), s.timedOut(), s.recycled(), s.queued());
        System.out.printf("  waited for a worker: median %d us, 90th percentile %d us, most %d us%n",
                s.waitMicros().p50(), s.waitMicros().p90(), s.waitMicros().max());
        System.out.printf("  ran on one:          median %d us, 90th percentile %d us, most %d us%n",
                s.runMicros().p50(), s.runMicros().p90(), s.runMicros().max());
        System.out.println("Flight Recorder, " + w.events().size() + " events dev.multitasking.processes.Task, by outcome, each in the order they ended:");
        System.out.printf("  %-10s %-12s %8s %12s %10s %7s %9s%n", "task", "outcome", "worker", "queued", "ran", "sent", "received");
        List<String> outcomes = List.of("completed", "failed", "crashed", "timed out");
        for (Seen e : w.events().stream().sorted(java.util.Comparator.comparingInt((Seen x) -> outcomes.indexOf(x.outcome()))).toList()) {
            System.out.printf(Locale.ROOT, "  %-10s %-12s %8d %9d us %7d us %5d B %7d B%n", e.task(), e.outcome(), e.workerPid(),
                    e.queuedMicros(), e.ranMicros(), e.bytesSent(), e.bytesReceived());
        }
        System.out.println("the recording: " + w.recording().toAbsolutePath() + " (jfr print --events dev.multitasking.processes.Task FILE)");
    }
}
