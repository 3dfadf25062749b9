package dev.multitasking.app.anchors;

import dev.multitasking.core.measure.Summary;
import java.util.Comparator;
import java.util.List;

/**
 * A side's figure: the median and range of its runs (CPU, and the third figure, null where not
 * every run told it), or why it failed.
 */
record Figure(Side side, Summary wall, Summary cpu, Summary more, String failure) {

    boolean ok() {
        return failure == null;
    }

    double median() {
        return ok() ? wall.median() : Double.NaN;
    }

    /** The wall time's cell, or the failure. */
    String wallCell() {
        return ok() ? wall.millisWithRange() : failure;
    }

    /** The wall and CPU cells of a row. */
    String cells() {
        return wallCell() + " | " + (!ok() || cpu == null ? "" : cpu.millisWithRange());
    }

    /** The figure of a program's side with this label, or null. */
    static Figure find(List<Figure> figures, String program, String label) {
        return figures.stream().filter(f -> f.side().program().equals(program) && f.side().label().equals(label)).findFirst().orElse(null);
    }

    /** The fastest figure of a program, or null when none of its sides ran. */
    static Figure best(List<Figure> figures, String program) {
        return figures.stream().filter(f -> f.side().program().equals(program) && f.ok())
                .min(Comparator.comparingDouble(Figure::median)).orElse(null);
    }
}
