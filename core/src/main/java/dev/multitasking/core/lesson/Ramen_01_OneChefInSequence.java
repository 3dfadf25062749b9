package dev.multitasking.core.lesson;

import static dev.multitasking.core.lesson.Kitchen.BOIL;
import static dev.multitasking.core.lesson.Kitchen.COOK;
import static dev.multitasking.core.lesson.Kitchen.PREPARE;
import static dev.multitasking.core.lesson.Kitchen.SERVE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * <b>Ramen 1: one chef, one bowl after another.</b> The lecture's starting point: a chef boils
 * water (3 minutes), prepares ingredients (2), cooks (4) and serves (1), and only then starts the
 * next bowl. Ten minutes a bowl, six bowls an hour, and for seven of every ten minutes the chef
 * does nothing but watch a pot.
 *
 * <p>In Java terms the chef is one thread and "watching the pot" is a blocking call: the thread
 * is parked, but it is still <em>taken</em>, so no other work can use it. Lesson 2 gives those
 * seven minutes back.
 *
 * <p>Run: {@code ./primes demo ramen-01} or this class's {@code main} in an IDE. A minute of the
 * shop lasts 20 ms. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * One chef, in sequence: 6 bowls in 60.7 scaled minutes: 5.9 bowls per hour
 * bowl 1  |bbbPPccccS| served at 10.4 min by chef-1
 * bowl 2  |          bbbPPccccS| served at 20.4 min by chef-1
 * bowl 3  |                    bbbPPccccSS| served at 30.5 min by chef-1
 * bowl 4  |                               bbbPPccccS| served at 40.6 min by chef-1
 * bowl 5  |                                         bbbPPccccS| served at 50.6 min by chef-1
 * bowl 6  |                                                   bbbPPccccS| served at 60.7 min by chef-1
 * </pre>
 */
public final class Ramen_01_OneChefInSequence {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "One chef, one bowl after another: most of each bowl's 10 minutes is waiting.";

    private Ramen_01_OneChefInSequence() {
    }

    /** Each chef takes the next order and does all of it, waits included, before the next. */
    static Kitchen.Service serve(int chefs, int bowls, Duration minute) {
        Kitchen kitchen = new Kitchen(chefs, minute);
        List<CompletableFuture<?>> orders = new ArrayList<>();
        for (int b = 1; b <= bowls; b++) {
            int bowl = b;
            orders.add(CompletableFuture.runAsync(() -> {
                kitchen.busy(bowl, "boil", BOIL);      // stands by the pot: the thread waits, taken
                kitchen.busy(bowl, "prepare", PREPARE);
                kitchen.busy(bowl, "cook", COOK);      // stands by the pot again
                kitchen.busy(bowl, "serve", SERVE);
            }, kitchen.chefs()));
        }
        return kitchen.serve(orders);
    }

    public static void main(String[] args) {
        Kitchen.Service service = serve(1, 6, Duration.ofMillis(20));
        System.out.println("One chef, in sequence: " + service.summary());
        System.out.print(service.timeline());
    }
}
