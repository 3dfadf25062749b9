package dev.multitasking.threads.lesson;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * <b>Stopping a worker: {@code interrupt()}, and {@code join()} with a timeout.</b> A worker asleep
 * in {@code queue.take()} waiting for orders never gets to check a flag. {@code interrupt()}
 * reaches it anyway: the blocking call throws {@link InterruptedException} and the worker ends.
 * Interruption is a request, not a kill: a worker that swallows the exception and carries on
 * cannot be stopped that way, which is why {@code join(Duration)} (Java 19+) takes a timeout and
 * answers whether the thread really ended, instead of waiting forever.
 *
 * <p>Run: {@code ./primes demo stopping-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * interrupt() a worker blocked in take(): ended at once
 * interrupt() a worker that swallows it: join(500 ms) says ended = false
 * then a volatile flag and a wake-up order: ended = true
 * </pre>
 */
public final class Stopping_02_InterruptAndJoin {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "interrupt() wakes a blocked worker; a worker that swallows it needs another way, and join(timeout) tells.";

    private Stopping_02_InterruptAndJoin() {
    }

    /** Whether each worker had ended when its join timed out. */
    record Outcome(boolean politeEnded, boolean stubbornEndedByInterrupt, boolean stubbornEndedByFlag) {
    }

    private static final class Stubborn implements Runnable {
        private final BlockingQueue<String> orders;
        private volatile boolean closing;

        Stubborn(BlockingQueue<String> orders) {
            this.orders = orders;
        }

        @Override
        public void run() {
            while (!closing) {
                try {
                    orders.take();
                } catch (InterruptedException e) {
                    // Swallowed: the anti-pattern. The interrupt status is cleared and lost.
                }
            }
        }
    }

    static Outcome run(Duration patience) throws InterruptedException {
        BlockingQueue<String> orders = new LinkedBlockingQueue<>();
        Thread polite = Thread.ofPlatform().name("polite-worker").start(() -> {
            try {
                while (true) {
                    orders.take();
                }
            } catch (InterruptedException e) {
                // Told to stop: end the thread.
            }
        });
        polite.interrupt();
        boolean politeEnded = polite.join(patience);

        BlockingQueue<String> moreOrders = new LinkedBlockingQueue<>();
        Stubborn stubborn = new Stubborn(moreOrders);
        Thread thread = Thread.ofPlatform().name("stubborn-worker").start(stubborn);
        thread.interrupt();
        boolean byInterrupt = thread.join(patience);
        stubborn.closing = true;         // a flag it does read...
        moreOrders.add("last order");    // ...once something wakes it
        boolean byFlag = thread.join(patience);
        return new Outcome(politeEnded, byInterrupt, byFlag);
    }

    public static void main(String[] args) throws InterruptedException {
        Outcome o = run(Duration.ofMillis(500));
        System.out.printf("interrupt() a worker blocked in take(): ended %s%n", o.politeEnded() ? "at once" : "NOT");
        System.out.printf("interrupt() a worker that swallows it: join(500 ms) says ended = %s%n", o.stubbornEndedByInterrupt());
        System.out.printf("then a volatile flag and a wake-up order: ended = %s%n", o.stubbornEndedByFlag());
    }
}
