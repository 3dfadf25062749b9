package dev.multitasking.threads.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * <b>Threads share the heap: a racy counter loses updates.</b> Four threads add one to the same
 * counter a million times each. {@code count++} on a plain field is three steps (read, add,
 * write), and two threads that read the same value both write back the same sum: one update is
 * lost. (The JIT can also keep a plain field in a register for a whole loop and write it once
 * at the end, so that a loop this small loses nothing in one run and a million in the next: the
 * racy counter here reads and writes its field with opaque accesses, each of which the JIT must
 * really do, as it would in a program that did more between them, and no more than that.) The three fixes,
 * from simplest to fastest under contention: a {@code synchronized} method (one thread at a time),
 * an {@link AtomicLong} (one compare-and-swap per update), a {@link LongAdder} (a cell per thread,
 * summed when read).
 *
 * <p>Processes, by contrast, do not share a heap at all: see the processes module.
 *
 * <p>Run: {@code ./primes demo sharing-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * counter            expected      counted       lost       ms
 * plain field       4,000,000    3,468,897    531,103       14
 * synchronized      4,000,000    4,000,000          0      224
 * AtomicLong        4,000,000    4,000,000          0       40
 * LongAdder         4,000,000    4,000,000          0       31
 * </pre>
 */
public final class Sharing_01_RacyCounterLosesUpdates {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Threads share the heap: a racy counter loses updates; synchronized, AtomicLong and LongAdder do not.";

    private Sharing_01_RacyCounterLosesUpdates() {
    }

    private interface Counter {
        void increment();

        long get();
    }

    private static final class Racy implements Counter {
        private static final java.lang.invoke.VarHandle COUNT;

        static {
            try {
                COUNT = java.lang.invoke.MethodHandles.lookup().findVarHandle(Racy.class, "count", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private long count;   // no synchronization: the bug

        /** {@code count++}, its read and its write each done for real (opaque), and nothing making the pair atomic. */
        @Override
        public void increment() {
            COUNT.setOpaque(this, (long) COUNT.getOpaque(this) + 1);
        }

        @Override
        public long get() {
            return count;
        }
    }

    private static final class Locked implements Counter {
        private long count;   // guarded by this

        @Override
        public synchronized void increment() {
            count++;
        }

        @Override
        public synchronized long get() {
            return count;
        }
    }

    private static final class Atomic implements Counter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void increment() {
            count.incrementAndGet();
        }

        @Override
        public long get() {
            return count.get();
        }
    }

    private static final class Adder implements Counter {
        private final LongAdder count = new LongAdder();

        @Override
        public void increment() {
            count.increment();
        }

        @Override
        public long get() {
            return count.sum();
        }
    }

    /** One counter's run: what it should have counted, what it did, and how long it took. */
    record Tally(String counter, long expected, long counted, long millis) {
        long lost() {
            return expected - counted;
        }
    }

    static List<Tally> countAll(int threads, int incrementsEach) throws InterruptedException {
        List<Tally> tallies = new ArrayList<>();
        tallies.add(count("plain field", new Racy(), threads, incrementsEach));
        tallies.add(count("synchronized", new Locked(), threads, incrementsEach));
        tallies.add(count("AtomicLong", new Atomic(), threads, incrementsEach));
        tallies.add(count("LongAdder", new Adder(), threads, incrementsEach));
        return tallies;
    }

    private static Tally count(String name, Counter counter, int threads, int incrementsEach) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name(name + "-" + t).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < incrementsEach; i++) {
                    counter.increment();
                }
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        // join() makes every worker's writes visible here, even the racy ones that survived.
        return new Tally(name, (long) threads * incrementsEach, counter.get(), (System.nanoTime() - start) / 1_000_000);
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.printf("%-14s %12s %12s %10s %8s%n", "counter", "expected", "counted", "lost", "ms");
        for (Tally t : countAll(4, 1_000_000)) {
            System.out.printf("%-14s %,12d %,12d %,10d %8d%n", t.counter(), t.expected(), t.counted(), t.lost(), t.millis());
        }
    }
}
