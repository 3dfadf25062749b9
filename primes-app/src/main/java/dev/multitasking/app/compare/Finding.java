package dev.multitasking.app.compare;

import dev.multitasking.core.SequentialStrategy;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a workload's rows say, in one sentence: which strategy won, by how much, with what
 * efficiency, and whether its lead over the next strategy is beyond the run-to-run spread (the
 * two rows' min-max ranges do not overlap) or within it, where the order could turn in another run.
 * A row whose timing physics found suspect is never the winner; the sentence says when one was faster.
 */
public final class Finding {

    private Finding() {
    }

    public static String of(List<Row> rows) {
        List<Row> finished = rows.stream().filter(r -> !r.failedToRun())
                .sorted(Comparator.comparingLong(r -> r.median().wallNanos())).toList();
        if (finished.isEmpty()) {
            return "No row finished.";
        }
        List<Row> ran = finished.stream().filter(r -> !r.suspect()).toList();
        if (ran.isEmpty()) {
            return "No winner: every row's timing is suspect (" + finished.get(0).timing().detail() + ").";
        }
        Row best = ran.get(0);
        List<Row> fasterButSuspect = finished.subList(0, finished.indexOf(best));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Fastest: %s, %.1f ms", name(best), Row.ms(best.median().wallNanos())));
        if (best.speedup() != null && !best.strategy().equals(SequentialStrategy.NAME)) {
            s.append(String.format(Locale.ROOT, ", %.2fx sequential", best.speedup()));
            if (best.efficiency() != null) {
                s.append(String.format(Locale.ROOT, " at efficiency %.2f", best.efficiency()));
            }
        }
        Optional<Row> next = ran.stream().filter(r -> !r.strategy().equals(best.strategy())).findFirst();
        String suspects = fasterButSuspect.isEmpty() ? "" : String.format(Locale.ROOT, " (%s was faster, but its timing is suspect: %s)",
                name(fasterButSuspect.get(0)), fasterButSuspect.get(0).timing().detail());
        if (next.isEmpty()) {
            return s.append(suspects).append(".").toString();
        }
        s.append(suspects);
        Row n = next.get();
        boolean apart = best.maxWallMs() < n.minWallMs();
        s.append(String.format(Locale.ROOT, "; the next strategy, %s, took %.1f ms: %s.", name(n), Row.ms(n.median().wallNanos()),
                apart ? "a lead beyond the run-to-run spread (their ranges do not overlap)"
                        : "within the run-to-run spread (their ranges overlap), so another run may order them otherwise"));
        return s.toString();
    }

    /**
     * Java against the lecture's Python on the same workload, both checked against the oracle:
     * Java's {@code sequential} over {@code python-sequential}, and the fastest Java row over the
     * fastest Python row (ratios of median wall times: how many times faster Java is).
     *
     * @param sequential {@code python-sequential}'s median over {@code sequential}'s, or null when one is missing
     */
    public record JavaOverPython(Double sequential, double best, Row bestJava, Row bestPython) {

        /** Whether a row it stands on has a suspect timing. */
        public boolean suspect() {
            return bestJava.suspect() || bestPython.suspect();
        }

        public static Optional<JavaOverPython> of(List<Row> rows) {
            // Sound rows where there are; else every row that ran, and the sentence says their timing is suspect.
            List<Row> finished = rows.stream().filter(r -> !r.failedToRun()).toList();
            List<Row> sound = finished.stream().filter(r -> !r.suspect()).toList();
            boolean soundBoth = sound.stream().anyMatch(Row::isPython) && sound.stream().anyMatch(r -> !r.isPython());
            List<Row> ran = soundBoth ? sound : finished;
            Optional<Row> py = ran.stream().filter(Row::isPython).min(Comparator.comparingLong(r -> r.median().wallNanos()));
            Optional<Row> java = ran.stream().filter(r -> !r.isPython()).min(Comparator.comparingLong(r -> r.median().wallNanos()));
            if (py.isEmpty() || java.isEmpty()) {
                return Optional.empty();
            }
            Optional<Row> pySeq = ran.stream().filter(r -> r.strategy().equals(Row.PYTHON_SEQUENTIAL)).findFirst();
            Optional<Row> javaSeq = ran.stream().filter(r -> r.strategy().equals(SequentialStrategy.NAME)).findFirst();
            Double seq = pySeq.isPresent() && javaSeq.isPresent() ? ratio(pySeq.get(), javaSeq.get()) : null;
            return Optional.of(new JavaOverPython(seq, ratio(py.get(), java.get()), java.get(), py.get()));
        }

        public static double ratio(Row slow, Row fast) {
            return (double) slow.median().wallNanos() / Math.max(1, fast.median().wallNanos());
        }

        public String sentence() {
            // Not "the language" alone: Java's sequential row tests divisors with vectorized whole quotients, Python's
            // with n % d (the lecture's loop); about 2.7x of the sequential figure is that (primes-01 separates them).
            return (sequential == null ? "Java over Python: " : String.format(Locale.ROOT,
                    "Java over Python: sequential %.1fx (sequential against python-sequential: the language, and Java's "
                            + "vectorized divisor test against Python's n %% d); ", sequential))
                    + String.format(Locale.ROOT, "best %.1fx (%s against %s)", best, name(bestJava), name(bestPython))
                    + (suspect() ? ", from a row whose timing is suspect." : ".");
        }
    }

    private static String name(Row r) {
        return r.strategy() + (r.pooled() ? " on " + r.workers() + (r.workers() == 1 ? " worker" : " workers") : " (a thread per task)");
    }
}
