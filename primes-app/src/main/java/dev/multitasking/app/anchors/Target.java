package dev.multitasking.app.anchors;

import java.util.Locale;

/**
 * A figure's target, as data: what is measured, the bound, and which side of it is good. A
 * section states its targets once, and the table, the sentence and the verdict all come from it.
 *
 * @param what   the measure, as a sentence names it
 * @param bound  the figure to reach
 * @param atLeast true when a figure at or above the bound meets it (a speedup), false when one at
 *               or below it does (a time, a ratio to a faster rival)
 * @param unit   how the bound is written: {@code "x"} for a ratio, {@code " s"}, {@code " a second"}
 */
record Target(String what, double bound, boolean atLeast, String unit) {

    static Target atLeast(String what, double bound, String unit) {
        return new Target(what, bound, true, unit);
    }

    static Target atMost(String what, double bound, String unit) {
        return new Target(what, bound, false, unit);
    }

    boolean met(double figure) {
        return atLeast ? figure >= bound : figure <= bound;
    }

    /** {@code met}, or {@code **missed**} in bold. */
    String verdict(double figure) {
        return met(figure) ? "met" : "**missed**";
    }

    /** "at least 30x", "at most 1.3x", "at least 150,000 a second". */
    String bounds() {
        String b = bound == Math.rint(bound) ? String.format(Locale.ROOT, "%,.0f", bound)
                : java.math.BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
        return (atLeast ? "at least " : "at most ") + b + unit;
    }

    /** "30x met", "1.74x **missed**": a table's cell for a figure in this target's unit. */
    String cell(double figure) {
        return number(figure) + unit + " " + verdict(figure);
    }

    /** A figure: from 1,000 on whole with thousands' commas, from 10 on to one place, below that to two. */
    static String number(double x) {
        double a = Math.abs(x);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f", x);
    }
}
