package dev.multitasking.profiling.lesson;

import dev.multitasking.core.Task;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.profiling.Profiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * <b>Profiling what waits.</b> The lecture profiles with cProfile, and {@code profiling-01} with
 * a CPU profiler: both answer "where does the CPU go?". An I/O-bound or lock-bound program spends
 * its time somewhere else: off the CPU, waiting for a socket or a lock, and a CPU profile of it
 * is nearly empty, as if the program did nothing. This lesson runs one such program three ways:
 * four threads that each fetch from a local HTTP server answering after 20 ms, beside four
 * threads that take turns on one {@code synchronized} lock and four on one
 * {@link ReentrantLock}, each holding it for 2 ms of sleep.
 *
 * <p>First under async-profiler's CPU mode, which samples a thread only while it runs: a few
 * samples, spent in the HTTP client and the JDK's socket code. Then under its wall-clock mode,
 * which samples every thread at a fixed rate whatever it is doing, so the samples are where the
 * threads spend their time: reading a socket, blocked on a monitor, parked on a lock, asleep.
 * The two profiles are sorted by the state at the top of each stack (the lesson's own threads
 * only). Last, Flight Recorder's events for the same states in the same run (socket reads,
 * monitor enters, parks, sleeps, every one of them, thresholds at 0), summed: the time the
 * threads spent in each, which a sampler can only estimate. This joins sections 4 (I/O-bound)
 * and 7 (profiling): to find out why an I/O-bound program is slow, profile the wall clock.
 *
 * <p>Run: {@code ./primes demo profiling-05 [dir]} (the flame graphs are written to {@code dir},
 * {@code target/profiling-05} unless told). Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * 4 threads each: fetching from a server that answers in 20 ms, waiting on one monitor, waiting on one lock
 *                             CPU profile   wall-clock profile   Flight Recorder (wall)
 * reading a socket             10 samples          885 samples                   919 ms
 * blocked on a monitor          0 samples          557 samples                   574 ms
 * parked on a lock              1 samples          797 samples                   960 ms
 * sleeping                      6 samples          382 samples                   432 ms
 * running Java code            69 samples           36 samples
 * in all                       86 samples         2657 samples
 * runs of 318 ms and 248 ms; the flame graphs:
 *   /work/main/target/profiling-05/profiling-05-cpu.html
 *   /work/main/target/profiling-05/profiling-05-wall.html
 * </pre>
 */
public final class Profiling_05_WhatWaits {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A CPU profile cannot see waiting; a wall-clock profile and Flight Recorder show where the threads wait.";

    /** What a sampled thread was doing, from the top of its stack. */
    enum State {
        SOCKET("reading a socket"),
        MONITOR("blocked on a monitor"),
        PARKED("parked on a lock"),
        SLEEPING("sleeping"),
        RUNNING("running Java code");

        final String words;

        State(String words) {
            this.words = words;
        }
    }

    /**
     * One run of the program under one profiler mode.
     *
     * @param samples  the lesson's own threads' samples by state
     * @param flight   Flight Recorder's summed durations by state, in nanoseconds (no RUNNING)
     */
    record Observed(long wallNanos, Map<State, Long> samples, Map<State, Long> flight, Path flameGraph) {

        long totalSamples() {
            return samples.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final String THREAD = "waits-";
    private static final int THREADS = 4;

    private Profiling_05_WhatWaits() {
    }

    /** The program: fetchers, monitor waiters and lock waiters, four of each, at once. */
    static long program() throws Exception {
        try (PreparedWorkload<?> io = Workload.parse("io:" + (THREADS * 10) + ":20ms").prepare();
             ExecutorService threads = Executors.newFixedThreadPool(3 * THREADS, Thread.ofPlatform().name(THREAD, 0).factory())) {
            Object monitor = new Object();
            ReentrantLock lock = new ReentrantLock();
            List<Future<?>> all = new ArrayList<>();
            long start = System.nanoTime();
            List<? extends Task<?>> fetches = io.tasks();
            for (int t = 0; t < THREADS; t++) {
                List<? extends Task<?>> mine = fetches.subList(t * 10, t * 10 + 10);
                all.add(threads.submit(() -> fetch(mine)));
                all.add(threads.submit(() -> holdMonitor(monitor)));
                all.add(threads.submit(() -> holdLock(lock)));
            }
            for (Future<?> f : all) {
                f.get();
            }
            return System.nanoTime() - start;
        }
    }

    private static Void fetch(List<? extends Task<?>> tasks) throws Exception {
        for (Task<?> t : tasks) {
            t.call();
        }
        return null;
    }

    private static Void holdMonitor(Object monitor) throws InterruptedException {
        for (int i = 0; i < 25; i++) {
            synchronized (monitor) {
                Thread.sleep(2);
            }
        }
        return null;
    }

    private static Void holdLock(ReentrantLock lock) throws InterruptedException {
        for (int i = 0; i < 25; i++) {
            lock.lock();
            try {
                Thread.sleep(2);
            } finally {
                lock.unlock();
            }
        }
        return null;
    }

    /** The program once under async-profiler's {@code event} ({@code cpu} or {@code wall}) and Flight Recorder's wait events. */
    static Observed observe(String event, Path dir) throws Exception {
        Path jfr = Files.createTempFile("profiling-05", ".jfr");
        try {
            Profiler.Profile<Long> profile;
            try (Recording waits = new Recording()) {
                for (String type : List.of("jdk.SocketRead", "jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.ThreadSleep")) {
                    waits.enable(type).withThreshold(Duration.ZERO).withoutStackTrace();
                }
                waits.start();
                profile = Profiler.profile(event, dir, "profiling-05-" + event, Profiling_05_WhatWaits::program);
                waits.stop();
                waits.dump(jfr);
            }
            return new Observed(profile.value(), bySampledState(Files.readString(profile.collapsed())), byRecordedState(jfr), profile.flameGraph());
        } finally {
            Files.deleteIfExists(jfr);
        }
    }

    /** The lesson's threads' samples in collapsed stacks ({@code frame;frame count}), by the state of each stack's top. */
    static Map<State, Long> bySampledState(String collapsed) {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0L);
        }
        for (String line : collapsed.lines().toList()) {
            int space = line.lastIndexOf(' ');
            if (space <= 0 || !line.contains("Profiling_05_WhatWaits")) {
                continue;
            }
            counts.merge(state(line.substring(0, space)), Long.parseLong(line.substring(space + 1).strip()), Long::sum);
        }
        return counts;
    }

    /**
     * The state a stack shows: the deepest Java frame that says it (the JDK's socket read, its
     * monitor enter, {@code LockSupport.park}, {@code Thread.sleep}), else running.
     */
    static State state(String stack) {
        String[] frames = stack.split(";");
        for (int i = frames.length - 1; i >= 0; i--) {
            String f = frames[i];
            if (f.contains("NioSocketImpl.read") || f.contains("NioSocketImpl.park") || f.contains("SocketInputStream.read")
                    || f.contains("NioSocketImpl.connect")) {
                return State.SOCKET;
            }
            if (f.contains("LockSupport.park")) {
                return State.PARKED;
            }
            if (f.contains("Thread.sleep")) {
                return State.SLEEPING;
            }
            if (f.contains("Profiling_05_WhatWaits.holdMonitor") && i < frames.length - 1 && !frames[i + 1].contains("Thread.sleep")) {
                return State.MONITOR;
            }
        }
        return State.RUNNING;
    }

    /** Flight Recorder's wait events of the lesson's threads, their durations summed by state. */
    static Map<State, Long> byRecordedState(Path jfr) throws IOException {
        Map<State, Long> sums = new EnumMap<>(State.class);
        for (State s : State.values()) {
            if (s != State.RUNNING) {
                sums.put(s, 0L);
            }
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getThread() == null || e.getThread().getJavaName() == null || !e.getThread().getJavaName().startsWith(THREAD)) {
                continue;
            }
            State s = switch (e.getEventType().getName()) {
                case "jdk.SocketRead" -> State.SOCKET;
                case "jdk.JavaMonitorEnter" -> State.MONITOR;
                case "jdk.ThreadPark" -> State.PARKED;
                case "jdk.ThreadSleep" -> State.SLEEPING;
                default -> null;
            };
            if (s != null) {
                sums.merge(s, e.getDuration().toNanos(), Long::sum);
            }
        }
        return sums;
    }

    /** {@code [dir]}: where the flame graphs go. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/profiling-05");
        Observed cpu = observe("cpu", dir);
        Observed wall = observe("wall", dir);
        System.out.printf("%d threads each: fetching from a server that answers in 20 ms, waiting on one monitor, waiting on one lock%n", THREADS);
        System.out.printf("%-22s %16s %20s %24s%n", "", "CPU profile", "wall-clock profile", "Flight Recorder (wall)");
        for (State s : State.values()) {
            String recorded = s == State.RUNNING ? "" : String.format("%,d ms", wall.flight().get(s) / 1_000_000);
            System.out.printf("%-22s %8d samples %12d samples %24s%n", s.words, cpu.samples().get(s), wall.samples().get(s), recorded);
        }
        System.out.printf("%-22s %8d samples %12d samples%n", "in all", cpu.totalSamples(), wall.totalSamples());
        System.out.printf("runs of %d ms and %d ms; the flame graphs:%n", cpu.wallNanos() / 1_000_000, wall.wallNanos() / 1_000_000);
        System.out.println("  " + cpu.flameGraph().toAbsolutePath());
        System.out.println("  " + wall.flameGraph().toAbsolutePath());
    }
}
