package dev.multitasking.threads.lesson;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * <b>Ordering, the memory model's third leg.</b> Sharing memory between threads asks three
 * things of it. Visibility: does a thread ever see another's write ({@code stopping-01})?
 * Atomicity: does a read-modify-write happen as one step ({@code sharing-01})? And ordering: do
 * one thread's reads and writes reach another in the order the program wrote them? Python's
 * global interpreter lock hides the third, since one thread runs bytecode at a time. Java
 * threads run on two cores at once, and the cores reorder.
 *
 * <p>The test is the heart of Dekker's mutual-exclusion algorithm. Two fields start at 0; one
 * thread stores {@code x = 1} then loads {@code r1 = y}, the other stores {@code y = 1} then loads
 * {@code r2 = x}. In any interleaving of the four steps, at least one load comes after the other
 * thread's store, so {@code r1 = 0, r2 = 0} looks impossible. It is not: an x86 core puts its
 * store in a store buffer and runs the later load before the store reaches the cache, so both
 * loads can read the old values. (The JIT may also reorder them; the Java memory model allows
 * both.) The lesson runs the two steps millions of times, the two threads released together for
 * each trial with a random few nanoseconds of delay, and counts each outcome, as the OpenJDK's
 * jcstress harness does.
 *
 * <p>Three ways to write the fields. Plain fields: {@code 0, 0} is seen. Release stores and
 * acquire loads ({@code VarHandle.setRelease} / {@code getAcquire}), enough to publish an object
 * safely: {@code 0, 0} is still seen, because release/acquire orders a store after earlier
 * accesses and a load before later ones, and says nothing about a store followed by a load.
 * {@code volatile} fields (sequentially consistent: the JIT puts a full fence after each volatile
 * store on x86): never. Dekker's and Peterson's locks need that last one; publishing an object
 * does not.
 *
 * <p>Run: {@code ./primes demo ordering-01 [trials]}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * x = 1; r1 = y   beside   y = 1; r2 = x   (x, y = 0 before each of 1,000,000 trials)
 * access                          r1=0 r2=0    r1=0 r2=1    r1=1 r2=0    r1=1 r2=1
 * plain fields                      157,287      458,687      383,962           64
 * release/acquire (VarHandle)       114,902      793,447       88,216        3,435
 * volatile                                0      650,474      146,643      202,883
 * </pre>
 */
public final class Ordering_01_StoreThenLoad {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Store x, load y; store y, load x: both loads can read 0 unless the fields are volatile.";

    /** How the two threads write and read {@code x} and {@code y}. */
    enum Access {
        PLAIN("plain fields"),
        RELEASE_ACQUIRE("release/acquire (VarHandle)"),
        VOLATILE("volatile");

        final String words;

        Access(String words) {
            this.words = words;
        }
    }

    /**
     * The outcomes of one kind of access: how many trials ended with each pair of loads.
     *
     * @param bothOld {@code r1 = 0, r2 = 0}: each load ran before the other thread's store was seen
     */
    record Outcomes(Access access, long bothOld, long onlyFirstOld, long onlySecondOld, long bothNew) {

        long trials() {
            return bothOld + onlyFirstOld + onlySecondOld + bothNew;
        }
    }

    private static final VarHandle X;
    private static final VarHandle Y;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            X = lookup.findVarHandle(Fields.class, "x", int.class);
            Y = lookup.findVarHandle(Fields.class, "y", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The shared state: the two fields under test, each thread's load, and the handshake. */
    private static final class Fields {
        int x;
        int y;
        volatile int vx;
        volatile int vy;
        int r1;
        int r2;
        /** Trial n starts when this is n: the second thread waits for it. */
        volatile int started;
        /** The second thread's last finished trial: the first waits for it before the next. */
        volatile int secondDone;
    }

    private Ordering_01_StoreThenLoad() {
    }

    /**
     * {@code trials} trials of {@code access}: this thread is the first (it resets the fields,
     * starts a trial, then stores x and loads y); a second thread stores y and loads x. Each waits
     * a random 0 to 15 spins first, so that their steps meet at different offsets.
     */
    static Outcomes run(Access access, int trials) throws InterruptedException {
        Fields f = new Fields();
        long[] counts = new long[4];
        int[] sink = new int[2];
        Thread second = Thread.ofPlatform().name("ordering-second").start(() -> {
            int seed = 0x2545F491;
            int spun = 0;
            for (int t = 1; t <= trials; t++) {
                while (f.started != t) {
                    Thread.onSpinWait();
                }
                seed = next(seed);
                spun += spin(seed & 15);
                switch (access) {
                    case PLAIN -> {
                        f.y = 1;
                        f.r2 = f.x;
                    }
                    case RELEASE_ACQUIRE -> {
                        Y.setRelease(f, 1);
                        f.r2 = (int) X.getAcquire(f);
                    }
                    case VOLATILE -> {
                        f.vy = 1;
                        f.r2 = f.vx;
                    }
                }
                f.secondDone = t;
            }
            sink[1] = spun;
        });
        int seed = 0x9E3779B9;
        int spun = 0;
        for (int t = 1; t <= trials; t++) {
            while (f.secondDone != t - 1) {
                Thread.onSpinWait();
            }
            if (t > 1) {
                counts[f.r1 * 2 + f.r2]++;
            }
            f.x = 0;
            f.y = 0;
            f.vx = 0;
            f.vy = 0;
            f.started = t;   // a volatile store: the resets above are seen by the second thread before it starts
            seed = next(seed);
            spun += spin(seed & 15);
            switch (access) {
                case PLAIN -> {
                    f.x = 1;
                    f.r1 = f.y;
                }
                case RELEASE_ACQUIRE -> {
                    X.setRelease(f, 1);
                    f.r1 = (int) Y.getAcquire(f);
                }
                case VOLATILE -> {
                    f.vx = 1;
                    f.r1 = f.vy;
                }
            }
        }
        second.join();
        counts[f.r1 * 2 + f.r2]++;
        sink[0] = spun;
        return new Outcomes(access, counts[0], counts[1], counts[2], counts[3]);
    }

    private static int next(int seed) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        return seed ^ (seed << 5);
    }

    /** A short, random wait the JIT cannot remove: its result is used. */
    private static int spin(int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += i ^ s;
        }
        return s;
    }

    /** {@code [trials]}: per kind of access, 1,000,000 unless told. */
    public static void main(String[] args) throws InterruptedException {
        int trials = args.length > 0 ? Integer.parseInt(args[0].replace(",", "").replace("_", "")) : 1_000_000;
        if (Runtime.getRuntime().availableProcessors() < 2) {
            System.out.println("one CPU: the two threads never run at once, so no store waits in a buffer while the other loads");
        }
        System.out.printf("x = 1; r1 = y   beside   y = 1; r2 = x   (x, y = 0 before each of %,d trials)%n", trials);
        System.out.printf("%-28s %12s %12s %12s %12s%n", "access", "r1=0 r2=0", "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1");
        for (Access access : Access.values()) {
            Outcomes o = run(access, trials);
            System.out.printf("%-28s %,12d %,12d %,12d %,12d%n", access.words, o.bothOld(), o.onlyFirstOld(), o.onlySecondOld(), o.bothNew());
        }
    }
}
