package dev.multitasking.threads.lesson;

import java.time.Duration;

/**
 * <b>Stopping a worker: a {@code volatile} flag.</b> The lecture stops its worker with a global
 * {@code Stopped} flag. In Java the flag must be {@code volatile}: a write to a volatile field is
 * visible to every later read of it, in any thread, so the worker sees {@code stop = true} on its
 * next check. Without {@code volatile}, nothing obliges it to ever look again (see
 * {@link Stopping_02_PlainFlagMayNeverStop}).
 *
 * <p>Run: {@code ./primes demo stopping-01}. Sample output (2-core AMD EPYC, JDK 25):
 * <pre>
 * volatile flag: worker stopped yes, 0 ms after being told, after 833,146,252 laps
 * </pre>
 */
public final class Stopping_01_VolatileFlagStops {

    private Stopping_01_VolatileFlagStops() {
    }

    private static final class Worker implements Runnable {
        private volatile boolean stop;   // written by main, read by the worker
        private long laps;               // read by main only after join(): join orders it

        @Override
        public void run() {
            while (!stop) {
                laps++;
            }
        }
    }

    /** Whether the worker ended within {@code patience} of being told to stop, and its laps. */
    record Outcome(boolean stopped, long laps, long stopMillis) {
    }

    static Outcome runFor(Duration work, Duration patience) throws InterruptedException {
        Worker worker = new Worker();
        Thread thread = Thread.ofPlatform().name("volatile-worker").start(worker);
        Thread.sleep(work);                   // long enough for the JIT to compile the loop
        long asked = System.nanoTime();
        worker.stop = true;
        boolean stopped = thread.join(patience);
        return new Outcome(stopped, stopped ? worker.laps : -1, (System.nanoTime() - asked) / 1_000_000);
    }

    public static void main(String[] args) throws InterruptedException {
        Outcome o = runFor(Duration.ofMillis(500), Duration.ofSeconds(2));
        System.out.printf("volatile flag: worker stopped %s, %d ms after being told, after %,d laps%n",
                o.stopped() ? "yes" : "NO", o.stopMillis(), o.laps());
    }
}
