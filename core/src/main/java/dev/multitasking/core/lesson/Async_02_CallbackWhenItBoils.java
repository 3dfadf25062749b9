package dev.multitasking.core.lesson;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * <b>Asynchronous: light the stove, chop vegetables, get called back when it boils.</b> The cook
 * starts the water with {@link CompletableFuture#supplyAsync} and attaches a callback with
 * {@code thenAccept}; the call returns at once. The cook chops while the water heats, and the
 * callback runs when the water is ready, on the thread that boiled it, not on the cook's.
 * The job takes about the longer of the two, not their sum.
 *
 * <p>Contrast with {@link Async_01_WaitForTheWater}, which blocks in {@code get()}. Asynchronous
 * code trades that simplicity for two things to keep in mind: the callback runs on another
 * thread (so what it touches must be safe to share), and the caller must still wait for the
 * callback somewhere before it uses the result ({@code join()} at the end here). One more: a
 * callback attached to a future that is <em>already</em> done runs at once on the attaching
 * thread; {@code thenAcceptAsync(action, executor)} says where it runs either way.
 *
 * <p>Run: {@code ./primes demo async-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * main chopped 3 vegetables while the water boiled
 * callback ran on thread 'stove' (main is 'main'): done after 318 ms
 * </pre>
 */
public final class Async_02_CallbackWhenItBoils {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "Asynchronous: a callback runs when the water boils, and the cook works meanwhile.";

    private Async_02_CallbackWhenItBoils() {
    }

    /** What happened: chops before the callback fired, where the callback ran, the total time. */
    record Morning(int choppedWhileBoiling, String callbackThread, String cookThread, long totalMillis) {
    }

    static Morning cook(Duration boil, Duration chop, int vegetables) throws InterruptedException {
        long start = System.nanoTime();
        AtomicReference<String> callbackThread = new AtomicReference<>();
        try (ExecutorService stove = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("stove").factory())) {
            CompletableFuture<Void> water = CompletableFuture
                    .supplyAsync(() -> {
                        sleep(boil);
                        return "boiling water";
                    }, stove)
                    .thenAccept(w -> callbackThread.set(Thread.currentThread().getName()));  // the callback
            int choppedWhileBoiling = 0;
            for (int i = 0; i < vegetables; i++) {
                Thread.sleep(chop);                          // the cook is free: chop meanwhile
                if (!water.isDone()) {
                    choppedWhileBoiling++;
                }
            }
            water.join();                                    // the noodles need the water
            return new Morning(choppedWhileBoiling, callbackThread.get(), Thread.currentThread().getName(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while boiling", e);
        }
    }

    public static void main(String[] args) throws Exception {
        Morning m = cook(Duration.ofMillis(300), Duration.ofMillis(80), 3);
        System.out.printf("main chopped %d vegetables while the water boiled%n", m.choppedWhileBoiling());
        System.out.printf("callback ran on thread '%s' (main is '%s'): done after %d ms%n",
                m.callbackThread(), m.cookThread(), m.totalMillis());
    }
}
