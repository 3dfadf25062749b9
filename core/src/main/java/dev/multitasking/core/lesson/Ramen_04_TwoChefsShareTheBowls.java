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
 * <b>Ramen 4: two chefs split the steps of each bowl (both at once).</b> Concurrency and
 * parallelism together: the pots go on the stove as in lesson 2, two chefs work as in lesson 3,
 * and a bowl's steps no longer wait for each other when they need not: the ingredients are
 * prepared while the water boils. Even a single bowl is ready sooner, 8 minutes instead of 10,
 * and six bowls take about a sixth of lesson 1's hour.
 *
 * <p>In Java: the recipe becomes a graph of {@link CompletableFuture}s. {@code boil} and
 * {@code prepare} start together and {@code thenCombine} joins them; whichever chef is free takes
 * the next hands-on step.
 *
 * <p>Run: {@code ./primes demo ramen-04}. Sample output (2-core AMD EPYC, JDK 25, 20 ms a minute):
 * <pre>
 * One bowl, two chefs sharing its steps: served at 8.4 min (alone, in sequence: 10)
 * Two chefs sharing the steps: 6 bowls in 11.1 scaled minutes: 32.4 bowls per hour
 * bowl 1  |PP     S| served at  8.1 min by chef-1,chef-2
 *  stove  |bbbcccc|
 * bowl 2  |PP     S| served at  8.1 min by chef-2,chef-1
 *  stove  |bbbcccc|
 * ...
 * </pre>
 */
public final class Ramen_04_TwoChefsShareTheBowls {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Two chefs who also overlap the waits: concurrency and parallelism together.";

    private Ramen_04_TwoChefsShareTheBowls() {
    }

    static Kitchen.Service serve(int bowls, Duration minute) {
        Kitchen kitchen = new Kitchen(2, minute);
        List<CompletableFuture<?>> orders = new ArrayList<>();
        for (int b = 1; b <= bowls; b++) {
            int bowl = b;
            CompletableFuture<Void> water = kitchen.onStove(bowl, "boil", BOIL);
            CompletableFuture<Void> ingredients = kitchen.byChef(bowl, "prepare", PREPARE);  // meanwhile
            orders.add(water.thenCombine(ingredients, (boiled, prepared) -> bowl)
                    .thenCompose(ready -> kitchen.onStove(bowl, "cook", COOK))
                    .thenCompose(cooked -> kitchen.byChef(bowl, "serve", SERVE)));
        }
        return kitchen.serve(orders);
    }

    public static void main(String[] args) {
        Kitchen.Service one = serve(1, Duration.ofMillis(20));
        System.out.printf("One bowl, two chefs sharing its steps: served at %.1f min (alone, in sequence: %d)%n",
                one.bowlDone(1), Kitchen.BOWL);
        Kitchen.Service six = serve(6, Duration.ofMillis(20));
        System.out.println("Two chefs sharing the steps: " + six.summary());
        System.out.print(six.timeline());
    }
}
