package dev.multitasking.app;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a workload's rows say, in one sentence: which strategy won, by how much, with what
 * efficiency, and whether its lead over the next strategy is beyond the run-to-run spread (the
 * two rows' min-max ranges do not overlap) or within it, where the order could turn in another run.
 */
final class Finding {

    private Finding() {
    }

    static String of(List<Row> rows) {
        List<Row> ran = rows.stream().filter(r -> !r.failedToRun())
                .sorted(Comparator.comparingLong(r -> r.median().wallNanos())).toList();
        if (ran.isEmpty()) {
            return "No row finished.";
        }
        Row best = ran.get(0);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Fastest: %s, %.1f ms", name(best), Row.ms(best.median().wallNanos())));
        if (best.speedup() != null && !best.strategy().equals("sequential")) {
            s.append(String.format(Locale.ROOT, ", %.2fx sequential", best.speedup()));
            if (best.efficiency() != null) {
                s.append(String.format(Locale.ROOT, " at efficiency %.2f", best.efficiency()));
            }
        }
        Optional<Row> next = ran.stream().filter(r -> !r.strategy().equals(best.strategy())).findFirst();
        if (next.isEmpty()) {
            return s.append(".").toString();
        }
        Row n = next.get();
        boolean apart = best.maxWallMs() < n.minWallMs();
        s.append(String.format(Locale.ROOT, "; the next strategy, %s, took %.1f ms: %s.", name(n), Row.ms(n.median().wallNanos()),
                apart ? "a lead beyond the run-to-run spread (their ranges do not overlap)"
                        : "within the run-to-run spread (their ranges overlap), so another run may order them otherwise"));
        return s.toString();
    }

    private static String name(Row r) {
        return r.strategy() + (r.pooled() ? " on " + r.workers() + (r.workers() == 1 ? " worker" : " workers") : " (a thread per task)");
    }
}
