package dev.multitasking.core.lesson;

import java.time.Duration;

/**
 * <b>Ramen 3: two chefs (parallelism).</b> Lesson 1's way of working, but with a second chef:
 * each takes an order and does all of it, waits included. Twice the hands, twice the bowls per
 * hour, and still seven idle minutes in every ten for each of them. Parallelism multiplies
 * throughput by the number of workers; it does nothing about the waiting that lesson 2 removed.
 *
 * <p>In Java: a fixed pool of two platform threads, {@code chef-1} and {@code chef-2}.
 *
 * <p>Run: {@code ./primes demo ramen-03}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * Two chefs, each in sequence: 6 bowls in 30.6 scaled minutes: 11.8 bowls per hour
 * bowl 1  |bbbPPccccS| served at 10.5 min by chef-1
 * bowl 2  |bbbPPccccS| served at 10.4 min by chef-2
 * bowl 3  |          bbbPPccccS| served at 20.5 min by chef-2
 * bowl 4  |          bbbPPccccS| served at 20.5 min by chef-1
 * bowl 5  |                    bbbbPPccccS| served at 30.5 min by chef-1
 * bowl 6  |                    bbbPPPccccS| served at 30.5 min by chef-2
 * </pre>
 */
public final class Ramen_03_TwoChefs {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Two chefs working alone serve twice the bowls: parallelism doubles the hands, the waits stay.";

    private Ramen_03_TwoChefs() {
    }

    static Kitchen.Service serve(int bowls, Duration minute) {
        return Ramen_01_OneChefInSequence.serve(2, bowls, minute);
    }

    public static void main(String[] args) {
        Kitchen.Service service = serve(6, Duration.ofMillis(20));
        System.out.println("Two chefs, each in sequence: " + service.summary());
        System.out.print(service.timeline());
    }
}
