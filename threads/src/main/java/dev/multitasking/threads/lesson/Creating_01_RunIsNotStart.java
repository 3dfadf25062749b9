package dev.multitasking.threads.lesson;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * <b>Creating threads: {@code run()} is not {@code start()}.</b> The lecture's two jobs,
 * {@code Delivery} and {@code RetrieveDish}, each take a while. Called one after the other they
 * take the sum. Made into {@link Thread} subclasses but called with {@code run()}, the lecture's
 * own slip, they <em>still</em> run one after the other on the calling thread: {@code run()} is an
 * ordinary method call. Only {@code start()} asks the JVM for a new thread, which then calls
 * {@code run()} there; {@code join()} waits for it. The thread names tell which is which.
 *
 * <p>Run: {@code ./primes demo creating-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * run():   delivery on 'main', retrieve dish on 'main'; 611 ms, one after the other
 * start(): delivery on 'Delivery', retrieve dish on 'RetrieveDish'; 300 ms, at the same time
 * </pre>
 */
public final class Creating_01_RunIsNotStart {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Calling run() runs on the caller's thread; only start() runs a new thread.";

    private Creating_01_RunIsNotStart() {
    }

    /** Which thread each job ran on, and how long both took. */
    record Outcome(List<String> ranOn, long millis) {
    }

    /** Delivers an order: logs where it runs, then takes {@code time}. */
    static final class Delivery extends Thread {
        private final Duration time;
        private final List<String> log;

        Delivery(Duration time, List<String> log) {
            super("Delivery");
            this.time = time;
            this.log = log;
        }

        @Override
        public void run() {
            log.add("delivery on '" + Thread.currentThread().getName() + "'");
            pause(time);
        }
    }

    /** Brings the dishes back: logs where it runs, then takes {@code time}. */
    static final class RetrieveDish extends Thread {
        private final Duration time;
        private final List<String> log;

        RetrieveDish(Duration time, List<String> log) {
            super("RetrieveDish");
            this.time = time;
            this.log = log;
        }

        @Override
        public void run() {
            log.add("retrieve dish on '" + Thread.currentThread().getName() + "'");
            pause(time);
        }
    }

    /** The broken way: two Thread objects, but run() is a plain call on this thread. */
    static Outcome callRun(Duration each) {
        List<String> log = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        new Delivery(each, log).run();
        new RetrieveDish(each, log).run();
        return new Outcome(List.copyOf(log), (System.nanoTime() - start) / 1_000_000);
    }

    /** The right way: start() each on its own thread, then join() both. */
    static Outcome callStart(Duration each) throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Thread delivery = new Delivery(each, log);
        Thread retrieve = new RetrieveDish(each, log);
        delivery.start();
        retrieve.start();
        delivery.join();
        retrieve.join();
        return new Outcome(List.copyOf(log), (System.nanoTime() - start) / 1_000_000);
    }

    private static void pause(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Duration each = Duration.ofMillis(300);
        Outcome run = callRun(each);
        System.out.printf("run():   %s; %d ms, one after the other%n", String.join(", ", run.ranOn()), run.millis());
        Outcome start = callStart(each);
        // Which of the two started first is up to the scheduler: listed in a fixed order, as run() lists them.
        System.out.printf("start(): %s; %d ms, at the same time%n", String.join(", ", start.ranOn().stream().sorted().toList()), start.millis());
    }
}
