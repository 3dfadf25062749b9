package dev.multitasking.threads.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * <b>Creating threads: passing arguments.</b> Python writes {@code Thread(target=worker,
 * args=(i, dish))}. Java has two ways: a lambda that captures the arguments (they must be
 * effectively final: each thread gets its own copy of the value at the time of capture), or a
 * {@link Runnable} record whose components are the arguments, which also names the job in logs.
 * Subclassing {@code Thread} is not needed for either.
 *
 * <p>Run: {@code ./primes demo creating-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * order 0: ramen by lambda-cook-0
 * order 1: udon by record-cook-1
 * order 2: soba by lambda-cook-2
 * order 3: pho by record-cook-3
 * </pre>
 */
public final class Creating_02_RunnableWithArguments {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A thread's arguments travel in a lambda's captured variables or a Runnable's fields.";

    private Creating_02_RunnableWithArguments() {
    }

    /** A job with its arguments as components: {@code new Cook(2, "udon")}. */
    record Cook(int order, String dish, Map<Integer, String> served) implements Runnable {
        @Override
        public void run() {
            served.put(order, dish + " by " + Thread.currentThread().getName());
        }
    }

    /** Order number to what was served and by which thread. */
    static Map<Integer, String> serve(List<String> dishes) throws InterruptedException {
        Map<Integer, String> served = new ConcurrentHashMap<>();
        List<Thread> cooks = new ArrayList<>();
        for (int i = 0; i < dishes.size(); i++) {
            int order = i;                    // effectively final: the lambda captures this value
            String dish = dishes.get(i);
            if (i % 2 == 0) {
                cooks.add(Thread.ofPlatform().name("lambda-cook-" + order)
                        .start(() -> served.put(order, dish + " by " + Thread.currentThread().getName())));
            } else {
                cooks.add(Thread.ofPlatform().name("record-cook-" + order).start(new Cook(order, dish, served)));
            }
        }
        for (Thread cook : cooks) {
            cook.join();
        }
        return served;
    }

    public static void main(String[] args) throws InterruptedException {
        Map<Integer, String> served = serve(List.of("ramen", "udon", "soba", "pho"));
        served.forEach((order, what) -> System.out.printf("order %d: %s%n", order, what));
    }
}
