package dev.multitasking.core.lesson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The lecture's ramen shop, in scaled time: chefs are threads, the stove is a timer. A bowl is
 * boil water (3 min, the stove works), prepare ingredients (2, hands on), cook (4, the stove
 * works), serve (1, hands on): 10 minutes, 7 of them waiting.
 *
 * <p>A chef who <em>stands by</em> the pot keeps his thread asleep through the wait; a chef who
 * puts the pot <em>on the stove</em> gets a callback when it is done and is free meanwhile.
 */
final class Kitchen implements AutoCloseable {

    static final int BOIL = 3;
    static final int PREPARE = 2;
    static final int COOK = 4;
    static final int SERVE = 1;
    static final int BOWL = BOIL + PREPARE + COOK + SERVE;

    /** One step of one bowl, in scaled minutes since the shop opened. */
    record Step(int bowl, String name, String who, double start, double end) {
    }

    /** A finished service: every step, and how long the whole thing took. */
    record Service(List<Step> steps, double minutes, int bowls) {

        double bowlsPerHour() {
            return bowls * 60 / minutes;
        }

        /** When a bowl was served, in minutes since opening. */
        double bowlDone(int bowl) {
            return steps.stream().filter(s -> s.bowl() == bowl).mapToDouble(Step::end).max().orElseThrow();
        }

        /**
         * A row per bowl, a character per minute: {@code b} boil, {@code P} prepare, {@code c}
         * cook, {@code S} serve. What a chef did (hands-on, or standing by a pot) is on the bowl's
         * row; what the stove did alone, while no chef waited, is on a second row under it.
         */
        String timeline() {
            StringBuilder out = new StringBuilder();
            int width = (int) Math.ceil(minutes) + 1;
            for (int bowl = 1; bowl <= bowls; bowl++) {
                char[] chef = " ".repeat(width).toCharArray();
                char[] stove = " ".repeat(width).toCharArray();
                List<String> chefs = new ArrayList<>();
                for (Step s : steps) {
                    if (s.bowl() != bowl) {
                        continue;
                    }
                    boolean byStove = s.who().equals(STOVE);
                    if (!byStove && !chefs.contains(s.who())) {
                        chefs.add(s.who());
                    }
                    char[] row = byStove ? stove : chef;
                    for (long m = Math.round(s.start()); m < Math.round(s.end()) && m < width; m++) {
                        row[(int) m] = s.name().charAt(0) == 'p' ? 'P' : s.name().charAt(0) == 's' ? 'S' : s.name().charAt(0);
                    }
                }
                out.append(String.format("bowl %d  |%s| served at %4.1f min by %s%n",
                        bowl, new String(chef).stripTrailing(), bowlDone(bowl), String.join(",", chefs)));
                if (!new String(stove).isBlank()) {
                    out.append(String.format(" stove  |%s|%n", new String(stove).stripTrailing()));
                }
            }
            return out.toString();
        }

        String summary() {
            return String.format("%d bowls in %.1f scaled minutes: %.1f bowls per hour", bowls, minutes, bowlsPerHour());
        }
    }

    static final String STOVE = "stove";

    private final long minuteNanos;
    private final ExecutorService chefs;
    private final ScheduledExecutorService stove;
    private final long opened;
    private final Queue<Step> steps = new ConcurrentLinkedQueue<>();

    /**
     * @param chefs  how many chef threads ({@code chef-1}, {@code chef-2}, ...)
     * @param minute how long one minute of the shop lasts in real time
     */
    Kitchen(int chefs, Duration minute) {
        this.minuteNanos = minute.toNanos();
        ThreadPoolExecutor staff = (ThreadPoolExecutor) Executors.newFixedThreadPool(chefs, Thread.ofPlatform().name("chef-", 1).factory());
        staff.prestartAllCoreThreads();   // the chefs arrive before the shop opens
        this.chefs = staff;
        this.stove = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(STOVE).factory());
        this.opened = System.nanoTime();
    }

    /** The chefs, as an executor: a job submitted here waits for a free chef. */
    ExecutorService chefs() {
        return chefs;
    }

    /** Work that occupies the current thread: hands-on, or standing by a pot. */
    void busy(int bowl, String step, int minutes) {
        double start = now();
        try {
            TimeUnit.NANOSECONDS.sleep(minutes * minuteNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the kitchen closed during " + step + " of bowl " + bowl, e);
        }
        steps.add(new Step(bowl, step, Thread.currentThread().getName(), start, now()));
    }

    /** A wait the stove does alone: completes after {@code minutes}, on the stove's thread. */
    CompletableFuture<Void> onStove(int bowl, String step, int minutes) {
        double start = now();
        CompletableFuture<Void> done = new CompletableFuture<>();
        stove.schedule(() -> {
            steps.add(new Step(bowl, step, STOVE, start, now()));
            done.complete(null);
        }, minutes * minuteNanos, TimeUnit.NANOSECONDS);
        return done;
    }

    /** Hands-on work given to the next free chef; completes when done. */
    CompletableFuture<Void> byChef(int bowl, String step, int minutes) {
        return CompletableFuture.runAsync(() -> busy(bowl, step, minutes), chefs);
    }

    /** Waits for every bowl and closes the kitchen. */
    Service serve(List<CompletableFuture<?>> bowls) {
        double minutes;
        try {
            CompletableFuture.allOf(bowls.toArray(CompletableFuture[]::new)).join();
            minutes = now();
        } finally {
            close();
        }
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(Step::start));
        return new Service(List.copyOf(sorted), minutes, bowls.size());
    }

    private double now() {
        return (System.nanoTime() - opened) / (double) minuteNanos;
    }

    @Override
    public void close() {
        chefs.shutdownNow();
        stove.shutdownNow();
        chefs.close();
        stove.close();
    }
}
