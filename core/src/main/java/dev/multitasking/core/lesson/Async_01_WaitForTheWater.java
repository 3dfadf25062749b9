package dev.multitasking.core.lesson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * <b>Synchronous: light the stove, then wait for the water.</b> The cook hands the pot to the
 * stove (another thread) and calls {@link Future#get()}: the call does not return until the water
 * boils. Nothing else happens on the cook's thread in the meantime; every vegetable is chopped
 * after the water is ready, and the whole job takes the wait <em>plus</em> the chopping.
 *
 * <p>Contrast with {@link Async_02_CallbackWhenItBoils}, where the same work overlaps.
 *
 * <p>Run: {@code ./primes demo async-01}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * main waits in get() for 302 ms; chopped 0 vegetables meanwhile
 * water boiled on thread 'stove'; then main chopped 3 vegetables: done after 618 ms
 * </pre>
 */
public final class Async_01_WaitForTheWater {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Synchronous: Future.get() holds the cook until the water boils.";

    private Async_01_WaitForTheWater() {
    }

    /** What happened: how long the cook was blocked, and what he chopped while blocked. */
    record Morning(long blockedMillis, int choppedWhileBoiling, int choppedInAll, long totalMillis, String boiledOn) {
    }

    static Morning cook(Duration boil, Duration chop, int vegetables) throws InterruptedException, ExecutionException {
        long start = System.nanoTime();
        try (ExecutorService stove = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stove").factory())) {
            java.util.concurrent.atomic.AtomicLong boiledAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
            Future<String> water = stove.submit(() -> {
                Thread.sleep(boil);
                boiledAt.set(System.nanoTime());
                return Thread.currentThread().getName();
            });
            long waitFrom = System.nanoTime();
            String boiledOn = water.get();              // synchronous: the cook stands here until it boils
            long blocked = (System.nanoTime() - waitFrom) / 1_000_000;
            List<Long> chopsBegan = new ArrayList<>();
            for (int i = 0; i < vegetables; i++) {
                chopsBegan.add(System.nanoTime());
                Thread.sleep(chop);                     // every chop comes after the water
            }
            // By the clock, not by asking the future: a chop that began before the water boiled was chopped meanwhile.
            int choppedWhileBoiling = (int) chopsBegan.stream().filter(t -> t - boiledAt.get() < 0).count();
            return new Morning(blocked, choppedWhileBoiling, vegetables, (System.nanoTime() - start) / 1_000_000, boiledOn);
        }
    }

    public static void main(String[] args) throws Exception {
        Morning m = cook(Duration.ofMillis(300), Duration.ofMillis(100), 3);
        System.out.printf("main waits in get() for %d ms; chopped %d vegetables meanwhile%n", m.blockedMillis(), m.choppedWhileBoiling());
        System.out.printf("water boiled on thread '%s'; then main chopped %d vegetables: done after %d ms%n",
                m.boiledOn(), m.choppedInAll(), m.totalMillis());
    }
}
