package dev.multitasking.app;

import dev.multitasking.app.compare.Estimate;
import dev.multitasking.core.NumberText;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.SieveWorkload;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code primes count N}: pi(N) by the segmented sieve, its segments on a fork/join pool. */
@Command(name = "count",
        mixinStandardHelpOptions = true,
        description = "Counts the primes up to N (pi(N)) with the segmented sieve on N workers, and says how long it took.")
final class CountCommand implements Callable<Integer> {

    /** The sieve workload's own limit: pi(10^12) already takes minutes on a few cores. */
    private static final long MAX_N = 1_000_000_000_000L;

    /** Enough segments that 2..64 workers stay busy, few enough that each is worth a task. */
    private static final int SEGMENTS_PER_WORKER = 8;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "N", description = "Count primes up to N (1 to 10^12), e.g. 1e9.")
    private String number;

    @Option(names = {"-n", "--workers"}, paramLabel = "N", description = "Threads (default: the number of cores, ${DEFAULT-VALUE}).")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        long n;
        try {
            n = NumberText.parseLong(number, "N", 1, MAX_N);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (workers < 1 || workers > 4096) {
            throw new ParameterException(spec.commandLine(), "--workers must be from 1 to 4096, got " + workers);
        }
        long segments = Math.max(1, Math.min(n / 1_000_000 + 1, (long) workers * SEGMENTS_PER_WORKER));
        List<Task<Long>> tasks;
        try (PreparedWorkload<Long> sieve = new SieveWorkload(n, (int) segments).prepare()) {
            tasks = sieve.tasks();
        }
        Strategy forkjoin = Strategies.discover().named("forkjoin");
        PrintWriter out = spec.commandLine().getOut();
        int busy = Math.min(workers, Runtime.getRuntime().availableProcessors());
        Duration estimate = Estimate.sieve(n).dividedBy(busy);
        AtomicLong done = new AtomicLong();
        Progress progress = Progress.NONE;
        List<Task<Long>> run = tasks;
        if (estimate.compareTo(Estimate.WORTH_SAYING) > 0) {
            out.printf("pi(%d): about %s on %d busy worker(s) (estimated from a sample timed now)%n", n, Estimate.words(estimate), busy);
            out.flush();
            progress = Progress.onTerminal("count", " segments");
            run = tasks.stream().<Task<Long>>map(t -> new Counted(t, done)).toList();
        }
        int total = run.size();
        long begin = System.nanoTime();
        long pi;
        try (Workers w = forkjoin.start(workers); Progress bar = progress) {
            bar.start(total);
            Thread drawer = Thread.ofPlatform().daemon().name("count-progress").start(() -> draw(bar, done, total));
            try {
                pi = w.invokeAll(run).results().stream().mapToLong(Long::longValue).sum();
            } finally {
                drawer.interrupt();
                drawer.join();
            }
        }
        double millis = (System.nanoTime() - begin) / 1e6;
        out.printf("pi(%d) = %d (segmented sieve, %d segments on %d workers, %.1f ms)%n", n, pi, tasks.size(), workers, millis);
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** A segment that counts itself done, for the progress bar (tasks run in this JVM here). */
    private record Counted(Task<Long> task, AtomicLong done) implements Task<Long> {
        @Override
        public Long call() throws Exception {
            try {
                return task.call();
            } finally {
                done.incrementAndGet();
            }
        }
    }

    /** Steps the bar as segments finish, until interrupted. */
    private static void draw(Progress bar, AtomicLong done, int total) {
        long shown = 0;
        try {
            while (shown < total) {
                for (long now = done.get(); shown < now; shown++) {
                    bar.step();
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException finished) {
            // the count is over
        }
    }
}
