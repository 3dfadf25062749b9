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
 * <b>Ramen 2: one chef, overlapping the waits (concurrency).</b> The same single chef as in
 * lesson 1, but he puts each pot on the stove and walks away; the stove calls him back when the
 * water boils or the noodles are done. While pots are on the stove, he prepares and serves other
 * bowls. Nobody was hired, and the six bowls are out in about a third of the time: only the three
 * hands-on minutes of each bowl need the chef.
 *
 * <p>This is concurrency, not parallelism: one thread ({@code chef-1}) does every hands-on step,
 * and the waits happen without a thread blocked in them. Look at bowl 1 in the output: it is
 * served <em>later</em> than in lesson 1, because the chef prepares every waiting bowl (first
 * come, first served) before he gets back to it. Overlapping raised throughput, not the latency
 * of one order; lesson 4 lowers that. In Java the callback is a
 * {@link CompletableFuture} stage; the stove is a {@code ScheduledExecutorService}.
 *
 * <p>The lecture says more than 3x. That is the steady rate: once the shop is full, the chef's
 * hands are what limit it, 3 hands-on minutes a bowl, so at most 20 bowls an hour, 3.3 times one
 * chef in sequence. That limit assumes a stove with a burner for every pot: the stove here is a
 * timer that boils and cooks any number of pots at once. A real stove of, say, two burners
 * would make the burners the limit (7 minutes of boiling and cooking a bowl, two at a time: about
 * 17 bowls an hour), below the chef's. Six bowls do not reach it: the first 3 minutes of boiling and the last bowl's
 * cooking and serving have nothing to overlap with. The lesson serves a longer day too, 30 bowls,
 * which comes close.
 *
 * <p>Run: {@code ./primes demo ramen-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * One chef, overlapping the waits: 6 bowls in 22.3 scaled minutes: 16.1 bowls per hour (2.7x one chef in sequence)
 * a longer day, 30 bowls in 94.0 scaled minutes: 19.1 bowls per hour (3.2x; the limit is 20, 3.3x)
 * bowl 1  |    PP          S| served at 17.2 min by chef-1
 *  stove  |bbbb  cccc|
 * bowl 2  |      PP         S| served at 18.2 min by chef-1
 *  stove  | bbb    cccc|
 * bowl 3  |        PP        S| served at 19.3 min by chef-1
 *  stove  | bbb      cccc|
 * bowl 4  |          PP       S| served at 20.3 min by chef-1
 *  stove  | bbb        cccc|
 * bowl 5  |            PP      S| served at 21.3 min by chef-1
 *  stove  | bbb          cccc|
 * bowl 6  |              PP     S| served at 22.3 min by chef-1
 *  stove  | bbb            cccc|
 * </pre>
 */
public final class Ramen_02_OneChefOverlapsTheWaits {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "One chef who walks away from the stove serves several times the bowls: concurrency fills the waits.";

    private Ramen_02_OneChefOverlapsTheWaits() {
    }

    static Kitchen.Service serve(int bowls, Duration minute) {
        Kitchen kitchen = new Kitchen(1, minute);
        List<CompletableFuture<?>> orders = new ArrayList<>();
        for (int b = 1; b <= bowls; b++) {
            int bowl = b;
            orders.add(kitchen.onStove(bowl, "boil", BOIL)                       // the chef walks away
                    .thenCompose(boiled -> kitchen.byChef(bowl, "prepare", PREPARE))
                    .thenCompose(prepared -> kitchen.onStove(bowl, "cook", COOK))  // and again
                    .thenCompose(cooked -> kitchen.byChef(bowl, "serve", SERVE)));
        }
        return kitchen.serve(orders);
    }

    /** The most bowls an hour one chef can serve once the waits overlap: his hands-on minutes are the limit. */
    static final double STEADY_BOWLS_PER_HOUR = 60.0 / (PREPARE + SERVE);

    public static void main(String[] args) {
        Kitchen.Service service = serve(6, Duration.ofMillis(20));
        double inSequence = 60.0 / Kitchen.BOWL;
        System.out.printf("One chef, overlapping the waits: %s (%.1fx one chef in sequence)%n", service.summary(),
                service.bowlsPerHour() / inSequence);
        Kitchen.Service day = serve(30, Duration.ofMillis(20));
        System.out.printf("a longer day, %d bowls in %.1f scaled minutes: %.1f bowls per hour (%.1fx; the limit is %.0f, %.1fx)%n",
                day.bowls(), day.minutes(), day.bowlsPerHour(), day.bowlsPerHour() / inSequence, STEADY_BOWLS_PER_HOUR,
                STEADY_BOWLS_PER_HOUR / inSequence);
        System.out.print(service.timeline());
    }
}
