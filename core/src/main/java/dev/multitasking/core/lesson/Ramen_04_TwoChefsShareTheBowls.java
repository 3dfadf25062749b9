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
 * <b>Ramen 4: concurrency inside a bowl, then a second chef (both at once).</b> Two changes to
 * lesson 2's shop, made one at a time so each shows its own effect. First the recipe: the
 * ingredients are prepared <em>while</em> the water boils, instead of after; with the same one
 * chef, a single bowl is ready at 8 minutes instead of 10. That gain is concurrency, two steps of
 * one bowl overlapping, and a second chef adds nothing to it: one bowl never needs two pairs of
 * hands at once. Then a second chef: a single bowl is no sooner, but six bowls are out in about
 * half the time, since hands-on work (3 of each bowl's 10 minutes) was what one chef could not
 * overlap. That gain is parallelism.
 *
 * <p>This corrects the lecture, which says that with both at once the chefs split one bowl's
 * steps between them, so even one bowl finishes sooner. Splitting a bowl between two chefs saves
 * nothing: its steps come one after another, and one chef is free for each. What serves one
 * bowl sooner is the recipe, preparing while the water boils, and one chef does that alone.
 *
 * <p>In Java: the recipe becomes a graph of {@link CompletableFuture}s. {@code boil} and
 * {@code prepare} start together and {@code thenCombine} joins them; whichever chef is free takes
 * the next hands-on step.
 *
 * <p>Run: {@code ./primes demo ramen-04}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * one change at a time                                 one bowl served at      six bowls in
 * 1 chef, lesson 2's recipe (boil, then prepare)                 11.0 min          21.2 min
 * 1 chef, prepares while the water boils (concurrency)            8.1 min          18.3 min
 * 2 chefs, the same recipe (parallelism)                          8.1 min          11.1 min
 * Two chefs, six bowls: 6 bowls in 11.1 scaled minutes: 32.3 bowls per hour
 * bowl 1  |PP     S| served at  8.1 min by chef-1,chef-2
 *  stove  |bbbcccc|
 * bowl 2  |PP     S| served at  8.1 min by chef-2,chef-1
 *  stove  |bbbcccc|
 * bowl 3  |  PP    S| served at  9.1 min by chef-2
 *  stove  |bbb cccc|
 * bowl 4  |  PP    S| served at  9.1 min by chef-1
 *  stove  |bbb cccc|
 * bowl 5  |    PP    S| served at 11.1 min by chef-1
 *  stove  |bbb   cccc|
 * bowl 6  |    PP    S| served at 11.1 min by chef-2
 *  stove  |bbb   cccc|
 * </pre>
 */
public final class Ramen_04_TwoChefsShareTheBowls {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Preparing while the water boils serves one bowl sooner (concurrency); a second chef serves six sooner (parallelism).";

    private Ramen_04_TwoChefsShareTheBowls() {
    }

    /** {@code bowls} bowls by {@code chefs} chefs, each bowl's ingredients prepared while its water boils. */
    static Kitchen.Service serve(int chefs, int bowls, Duration minute) {
        Kitchen kitchen = new Kitchen(chefs, minute);
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
        Duration minute = Duration.ofMillis(20);
        System.out.printf("%-52s %18s %17s%n", "one change at a time", "one bowl served at", "six bowls in");
        row("1 chef, lesson 2's recipe (boil, then prepare)", Ramen_02_OneChefOverlapsTheWaits.serve(1, minute),
                Ramen_02_OneChefOverlapsTheWaits.serve(6, minute));
        row("1 chef, prepares while the water boils (concurrency)", serve(1, 1, minute), serve(1, 6, minute));
        Kitchen.Service six = serve(2, 6, minute);
        row("2 chefs, the same recipe (parallelism)", serve(2, 1, minute), six);
        System.out.println("Two chefs, six bowls: " + six.summary());
        System.out.print(six.timeline());
    }

    private static void row(String what, Kitchen.Service one, Kitchen.Service six) {
        System.out.printf("%-52s %14.1f min %13.1f min%n", what, one.bowlDone(1), six.minutes());
    }
}
