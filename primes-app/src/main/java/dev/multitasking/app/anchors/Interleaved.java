package dev.multitasking.app.anchors;

import dev.multitasking.core.measure.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the sides of a comparison interleaved: every round runs each side once, in order, A, B, C,
 * A, B, C, ..., so that a machine that slows down for a while slows all sides alike. A side that
 * fails is dropped from the later rounds, with its reason; the others go on.
 */
final class Interleaved {

    private Interleaved() {
    }

    /** {@code rounds} rounds of {@code sides}: a figure per side, in their order. */
    static List<Figure> run(List<Side> sides, int rounds) throws InterruptedException {
        List<List<Measure>> runs = new ArrayList<>();
        String[] failures = new String[sides.size()];
        sides.forEach(s -> runs.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < sides.size(); i++) {
                if (failures[i] != null) {
                    continue;
                }
                try {
                    runs.get(i).add(sides.get(i).once().call());
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    failures[i] = "failed: " + shorten(String.valueOf(e.getMessage()));
                }
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            List<Measure> m = runs.get(i);
            if (failures[i] != null) {
                figures.add(new Figure(sides.get(i), null, null, null, failures[i]));
                continue;
            }
            figures.add(new Figure(sides.get(i), Summary.of(m.stream().mapToDouble(Measure::wall).toArray()),
                    everyRun(m.stream().mapToDouble(Measure::cpu).toArray()), everyRun(m.stream().mapToDouble(Measure::more).toArray()), null));
        }
        return figures;
    }

    /** The summary of a figure every run told, or null. */
    private static Summary everyRun(double[] values) {
        return values.length > 0 && java.util.Arrays.stream(values).noneMatch(Double::isNaN) ? Summary.of(values) : null;
    }

    /** The first line of a failure, and of that no more than a sentence's worth: the innermost exception named. */
    static String shorten(String message) {
        String first = message.lines().findFirst().orElse("");
        Matcher m = Pattern.compile("[A-Za-z.]*Exception: [^,]+").matcher(first);
        String why = first;
        while (m.find()) {
            why = m.group();
        }
        return why.length() > 160 ? why.substring(0, 160) + "..." : why;
    }
}
