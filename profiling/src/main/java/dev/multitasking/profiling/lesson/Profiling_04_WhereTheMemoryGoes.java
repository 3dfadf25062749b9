package dev.multitasking.profiling.lesson;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * <b>Profiling memory: who allocates how much, and what a worker holds.</b> The lecture's
 * profiling asks where time and memory go; this is the memory half, in two parts.
 *
 * <p>Allocation: the JDK counts the bytes each thread allocates
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), exactly, so the
 * cost of a data structure can be read off one call. A thousand numbers as an {@code int[]} take
 * 4 KB; as an {@code ArrayList<Integer>} each number past 127 is an object of its own (the JDK
 * caches only -128..127), five times that; a {@code HashSet<Integer>} adds a node per entry on
 * top. Python's lists hold a pointer per element to an object too: the lecture's {@code list} and
 * {@code set} forms pay the same way.
 *
 * <p>What a worker holds, read from the kernel ({@code /proc}, Linux): a platform thread blocked
 * in a wait keeps the pages of its stack it touched, about 20 KiB resident here; a virtual thread
 * blocked the same way is a few objects on the heap, 2 to 3 KiB; a JVM, even idle, tens of
 * megabytes. Hence
 * virtual threads for ten thousand waits ({@code virtual-01}), and few worker JVMs, reused
 * ({@code processpool-03}).
 *
 * <p>Run: {@code ./primes demo profiling-04}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * allocated to build 1,000 numbers (ThreadMXBean, exact):
 *   int[1000]                      4,120 bytes
 *   ArrayList&lt;Integer&gt; of 1000    17,992 bytes (4.4x: an Integer object per number past 127)
 *   HashSet&lt;Integer&gt; of 1000      62,464 bytes (15.2x: and a node per entry)
 * resident memory a worker holds (/proc):
 *   a platform thread, blocked       101 KiB each (200 started)
 *   a virtual thread, blocked        2.9 KiB each (10,000 started)
 *   a JVM, idle                       45 MiB
 * </pre>
 */
public final class Profiling_04_WhereTheMemoryGoes {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Boxed collections allocate several times an int[]; a blocked platform thread holds several times a virtual one.";

    private Profiling_04_WhereTheMemoryGoes() {
    }

    /** Bytes this thread allocates to build one value with {@code build} (after one build to warm up). */
    static long allocatedBy(Supplier<?> build) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        build.get();
        long before = threads.getCurrentThreadAllocatedBytes();
        Object kept = build.get();
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        if (kept == null) {
            throw new IllegalStateException("built nothing");
        }
        return bytes;
    }

    /** The three ways to hold a thousand numbers, and the bytes one build of each allocates. */
    record Allocations(long intArray, long boxedList, long boxedSet) {
    }

    static Allocations allocations() {
        return new Allocations(
                allocatedBy(() -> IntStream.range(0, 1000).toArray()),
                allocatedBy(() -> {
                    List<Integer> l = new ArrayList<>(1000);
                    for (int i = 0; i < 1000; i++) {
                        l.add(i);
                    }
                    return l;
                }),
                allocatedBy(() -> {
                    HashSet<Integer> s = new HashSet<>();
                    for (int i = 0; i < 1000; i++) {
                        s.add(i);
                    }
                    return s;
                }));
    }

    /** This process's resident memory in bytes, from {@code /proc/self/status}; empty off Linux. */
    static OptionalLong residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Bytes of resident memory each of {@code n} blocked threads adds, platform or virtual. */
    static long perBlockedThread(int n, boolean virtual) throws InterruptedException {
        Path self = Path.of("/proc/self/status");
        System.gc();                 // a collection shrinks what is resident: first, then measure from there
        Thread.sleep(200);
        long before = residentBytes(self).orElse(-1);
        long heapBefore = heapUsed();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>(n);
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
        for (int i = 0; i < n; i++) {
            threads.add(builder.start(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        started.await(60, TimeUnit.SECONDS);
        long grown = before < 0 ? heapUsed() - heapBefore : residentBytes(self).orElse(before) - before;
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return Math.max(0, grown) / n;
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** The resident memory of an idle JVM started from this one's {@code java}; empty off Linux. */
    static OptionalLong idleJvmBytes() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Idle.class.getName())
                .redirectErrorStream(true).start();
        try {
            if (p.getInputStream().read() < 0) {   // its first byte: it is up and idle
                return OptionalLong.empty();
            }
            return residentBytes(Path.of("/proc", Long.toString(p.pid()), "status"));
        } finally {
            p.getOutputStream().close();          // its stdin ends: it exits
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** An idle JVM's {@code main}: says it is up, then waits for its stdin to end. */
    static final class Idle {
        public static void main(String[] args) throws IOException {
            System.out.println("up");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Allocations a = allocations();
        System.out.println("allocated to build 1,000 numbers (ThreadMXBean, exact):");
        System.out.printf("  int[1000]                   %,8d bytes%n", a.intArray());
        System.out.printf("  ArrayList<Integer> of 1000  %,8d bytes (%.1fx: an Integer object per number past 127)%n",
                a.boxedList(), (double) a.boxedList() / a.intArray());
        System.out.printf("  HashSet<Integer> of 1000    %,8d bytes (%.1fx: and a node per entry)%n",
                a.boxedSet(), (double) a.boxedSet() / a.intArray());
        if (residentBytes(Path.of("/proc/self/status")).isEmpty()) {
            System.out.println("(resident memory is read from /proc, which this system does not have)");
            return;
        }
        System.out.println("resident memory a worker holds (/proc):");
        System.out.printf("  a platform thread, blocked  %,8d KiB each (200 started)%n", perBlockedThread(200, false) / 1024);
        System.out.printf("  a virtual thread, blocked   %,8.1f KiB each (10,000 started)%n", perBlockedThread(10_000, true) / 1024.0);
        idleJvmBytes().ifPresent(b -> System.out.printf("  a JVM, idle                 %,8d MiB%n", b >> 20));
    }
}
