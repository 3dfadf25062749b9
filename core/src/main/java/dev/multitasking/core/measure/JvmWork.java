package dev.multitasking.core.measure;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a JVM's own machinery spent, beside the work: its JIT compilers, and its garbage
 * collector. It is the time a run's figures carry that the tasks did not ask for.
 *
 * <p>On Linux it is read from {@code /proc/PID/task}, for this JVM and another alike (a worker
 * JVM, a cluster member), thread by thread: a thread's kind from its name, read once
 * ({@code C2 CompilerThre...}, {@code GC Thread#0}, and the VM thread, where the serial collector
 * runs), its CPU time from {@code schedstat} (nanoseconds) or {@code stat} (clock ticks).
 * Elsewhere this JVM's comes from {@code CompilationMXBean} and the collectors' MXBeans (elapsed
 * times; a compilation counts when it ends), and another's is unknown (zero). A compiler thread
 * that ends takes its time with it, so a delta can miss a little; it never goes below zero.
 *
 * @param jitNanos CPU time of the JIT compiler threads
 * @param gcNanos  CPU time of the garbage collector's threads and the VM thread
 */
public record JvmWork(long jitNanos, long gcNanos) {

    public static final JvmWork NONE = new JvmWork(0, 0);

    /** Thread kinds by process id and thread id: a thread's name is read once, its time every time. */
    private static final Map<Long, Map<Long, Kind>> KINDS = new ConcurrentHashMap<>();

    private enum Kind { JIT, GC, OTHER }

    public JvmWork plus(JvmWork o) {
        return new JvmWork(jitNanos + o.jitNanos, gcNanos + o.gcNanos);
    }

    /** This minus an earlier reading, each part at least zero. */
    public JvmWork since(JvmWork earlier) {
        return new JvmWork(Math.max(0, jitNanos - earlier.jitNanos), Math.max(0, gcNanos - earlier.gcNanos));
    }

    /**
     * This JVM's, so far: from {@code /proc} where there is one, which sees a compilation while
     * it runs (the MXBean counts one only once it has ended, all of it in the run it ended in),
     * else from the MXBeans.
     */
    public static JvmWork self() {
        JvmWork fromProc = ofProcess(SELF);
        if (fromProc != null) {
            return fromProc;
        }
        long jitMillis = COMPILER == null ? 0 : Math.max(0, COMPILER.getTotalCompilationTime());
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmWork(jitMillis * 1_000_000, gcMillis * 1_000_000);
    }

    /** Looked up once: the lookup walks the platform's MBean providers, code the JIT would compile mid-measurement. */
    private static final long SELF = ProcessHandle.current().pid();
    private static final java.lang.management.CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final List<GarbageCollectorMXBean> COLLECTORS = List.copyOf(ManagementFactory.getGarbageCollectorMXBeans());

    /** Another JVM's, so far, by its process id; {@link #NONE} when it cannot be read (ended, or not Linux). */
    public static JvmWork of(long pid) {
        JvmWork w = ofProcess(pid);
        return w == null ? NONE : w;
    }

    /** Null where {@code /proc} cannot tell. */
    private static JvmWork ofProcess(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        Map<Long, Kind> kinds = KINDS.computeIfAbsent(pid, p -> new ConcurrentHashMap<>());
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                long tid;
                try {
                    tid = Long.parseLong(thread.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                Kind kind = kinds.computeIfAbsent(tid, t -> kindOf(thread));
                if (kind == Kind.JIT) {
                    jit += cpuNanos(thread);
                } else if (kind == Kind.GC) {
                    gc += cpuNanos(thread);
                }
            }
        } catch (IOException | RuntimeException e) {
            KINDS.remove(pid);
            return null;
        }
        return new JvmWork(jit, gc);
    }

    private static Kind kindOf(Path thread) {
        String name;
        try {
            name = Files.readString(thread.resolve("comm")).strip();
        } catch (IOException | RuntimeException e) {
            return Kind.OTHER;   // ended while listed: nothing more to count
        }
        // HotSpot's thread names, cut to 15 characters by the kernel.
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") || name.startsWith("JVMCI")) {
            return Kind.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                || name.startsWith("ZWorker") || name.startsWith("ZDirector") || name.startsWith("Shenandoah")) {
            return Kind.GC;
        }
        return Kind.OTHER;
    }

    /** A thread's CPU time: {@code schedstat}'s first field in nanoseconds, else {@code stat}'s ticks; 0 once it ended. */
    private static long cpuNanos(Path thread) {
        try {
            String sched = Files.readString(thread.resolve("schedstat"));
            long nanos = Long.parseLong(sched.substring(0, sched.indexOf(' ')));
            if (nanos > 0) {
                return nanos;
            }
        } catch (IOException | RuntimeException e) {
            // no schedstat on this kernel: the clock ticks below
        }
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // f[0] is field 3
            long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
            return ticks * MachineCpu.NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
