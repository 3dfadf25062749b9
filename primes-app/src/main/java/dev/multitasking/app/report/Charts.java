package dev.multitasking.app.report;

import dev.multitasking.app.compare.Row;
import dev.multitasking.core.SequentialStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's charts, drawn as SVG with real text: a few kilobytes each, crisp at any zoom, and
 * searchable, where a general charting library drew each glyph as a path (about 200 KB a chart).
 * Every bar is named, and coloured by the kind of strategy, so that kinds stand apart at a glance.
 */
final class Charts {

    private static final int WIDTH = 760;
    private static final int LEFT = 190;
    private static final int RIGHT = 130;
    private static final int BAR = 18;
    private static final int TOP = 30;

    /** A strategy's kind, and the colour its bars and lines take. */
    enum Kind {
        SEQUENTIAL("sequential", "#6b6b6b"),
        THREAD_POOL("thread pool", "#2f6fb3"),
        THREAD_PER_TASK("thread per task", "#3aa0a0"),
        PROCESSES("worker processes", "#c0622b"),
        CLUSTER("cluster", "#7a4fb0"),
        PYTHON("Python", "#c9a227");

        final String label;
        final String colour;

        Kind(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }

        static Kind of(Row r) {
            String s = r.strategy();
            if (s.startsWith("python-")) {
                return PYTHON;
            }
            if (s.equals(SequentialStrategy.NAME)) {
                return SEQUENTIAL;
            }
            if (s.equals("processes")) {
                return PROCESSES;
            }
            if (s.equals("cluster")) {
                return CLUSTER;
            }
            return r.pooled() ? THREAD_POOL : THREAD_PER_TASK;
        }
    }

    private Charts() {
    }

    /** Median wall time per row as horizontal bars, fastest first, with each row's min-max range. */
    static String wall(String workload, List<Row> rows) {
        List<Row> ran = rows.stream().filter(r -> !r.failedToRun())
                .sorted(Comparator.comparingLong(r -> r.median().wallNanos())).toList();
        double max = ran.stream().mapToDouble(Row::maxWallMs).max().orElse(1);
        StringBuilder svg = open("chart wall", "Median wall time: " + workload + " (fastest first; the whisker is the min-max range)",
                ran.size());
        double plot = WIDTH - LEFT - RIGHT;
        for (int i = 0; i < ran.size(); i++) {
            Row r = ran.get(i);
            int y = TOP + i * (BAR + 4);
            double median = Row.ms(r.median().wallNanos());
            double x1 = LEFT + r.minWallMs() / max * plot;
            double x2 = LEFT + r.maxWallMs() / max * plot;
            bar(svg, r, y, median / max * plot, x2 - LEFT, String.format(Locale.ROOT, "%s ms", figure(median)));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
                    x1, y + BAR / 2, x2, y + BAR / 2));
        }
        axis(svg, ran.size(), max, plot, " ms");
        legend(svg, ran, ran.size());
        return svg.append("</svg>\n").toString();
    }

    /**
     * Speedup over {@code sequential}. A sweep of worker counts: a line per strategy against
     * workers, with the ideal (speedup equal to workers) dashed. One count: a bar per row, with
     * the ideal as a dashed line across.
     */
    static String speedup(String workload, List<Row> rows) {
        List<Row> sped = rows.stream().filter(r -> !r.failedToRun() && r.speedup() != null && !r.strategy().equals(SequentialStrategy.NAME)).toList();
        TreeSet<Integer> counts = new TreeSet<>();
        // The Java rows decide whether this is a sweep: Python's sequential row always has 1 worker.
        sped.stream().filter(r -> r.pooled() && Kind.of(r) != Kind.PYTHON).forEach(r -> counts.add(r.workers()));
        return counts.size() >= 2 ? sweep(workload, sped, counts) : bars(workload, sped);
    }

    private static String bars(String workload, List<Row> sped) {
        List<Row> sorted = sped.stream().sorted(Comparator.comparingDouble(Row::speedup).reversed()).toList();
        int ideal = sorted.stream().filter(Row::pooled).mapToInt(Row::workers).max().orElse(1);
        double max = Math.max(ideal * 1.1, sorted.stream().mapToDouble(Row::speedup).max().orElse(1));
        StringBuilder svg = open("chart speedup", "Speedup over sequential: " + workload + " (the dashed line: ideal, " + ideal + "x)",
                sorted.size());
        double plot = WIDTH - LEFT - RIGHT;
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            double length = r.speedup() / max * plot;
            bar(svg, r, TOP + i * (BAR + 4), length, length, String.format(Locale.ROOT, "%.2fx", r.speedup()) + (r.suspect() ? " (suspect)" : ""));
        }
        double x = LEFT + ideal / max * plot;
        int bottom = TOP + sorted.size() * (BAR + 4);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>%n",
                x, TOP - 6, x, bottom));
        axis(svg, sorted.size(), max, plot, "x");
        legend(svg, sorted, sorted.size());
        return svg.append("</svg>\n").toString();
    }

    private static String sweep(String workload, List<Row> sped, TreeSet<Integer> counts) {
        int height = 380;
        int left = 60;
        int right = 170;
        int top = TOP + 6;
        int bottom = height - 40;
        double maxX = counts.last();
        double maxY = Math.max(maxX, sped.stream().mapToDouble(Row::speedup).max().orElse(1)) * 1.05;
        double w = WIDTH - left - right;
        double h = bottom - top;
        StringBuilder svg = new StringBuilder();
        header(svg, "chart speedup", "Speedup over sequential against workers: " + workload + " (the dashed line: ideal)", height);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>%n",
                left, top, w, h));
        for (int c : counts) {
            double x = left + c / maxX * w;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>%n", x, bottom + 14, c));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">workers</text>%n",
                left + w / 2, bottom + 30));
        for (int t = 0; t <= 4; t++) {
            double v = maxY * t / 4;
            double y = bottom - v / maxY * h;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.1fx</text>%n", left - 4, y + 4, v));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>%n",
                left, bottom, left + w, bottom - maxX / maxY * h));
        Map<String, List<Row>> lines = new LinkedHashMap<>();
        sped.stream().filter(Row::pooled).sorted(Comparator.comparingInt(Row::workers))
                .forEach(r -> lines.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r));
        int legend = 0;
        for (Map.Entry<String, List<Row>> e : lines.entrySet()) {
            String colour = Kind.of(e.getValue().get(0)).colour;
            String dash = legend % 2 == 1 ? " stroke-dasharray=\"2,2\"" : "";   // two lines of one kind stay apart
            StringBuilder points = new StringBuilder();
            for (Row r : e.getValue()) {
                double x = left + r.workers() / maxX * w;
                double y = bottom - r.speedup() / maxY * h;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %d workers: %.2fx</title></circle>%n",
                        x, y, colour, Timeline.escape(r.strategy()), r.workers(), r.speedup()));
            }
            line(svg, points, colour, dash, e.getKey(), left + w, top + 12 + legend * 16);
            legend++;
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * Efficiency against task size: one job split into different numbers of tasks (the workloads
     * {@code count:N:C} for several {@code C}), a line per strategy and worker count, the task
     * size on a log scale (the sequential row's median over the task count), efficiency being
     * speedup per worker. The question {@code scale-03} answers, from a comparison's own rows: how
     * long must a task be before a pool pays for it? A suspect row's point is hollow.
     *
     * @param rowsByTasks each workload's rows by its number of tasks
     */
    static String taskSize(String job, java.util.SortedMap<Integer, List<Row>> rowsByTasks) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        Map<String, Row> firstOf = new LinkedHashMap<>();
        Map<String, List<Boolean>> suspect = new LinkedHashMap<>();
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double maxY = 1;
        for (var entry : rowsByTasks.entrySet()) {
            List<Row> rows = entry.getValue();
            var sequential = rows.stream().filter(r -> r.strategy().equals(SequentialStrategy.NAME) && !r.failedToRun()).findFirst();
            if (sequential.isEmpty()) {
                continue;
            }
            double micros = sequential.get().median().wallNanos() / 1000.0 / entry.getKey();
            for (Row r : rows) {
                if (r.failedToRun() || !r.pooled() || r.efficiency() == null || r.strategy().equals(SequentialStrategy.NAME) || Kind.of(r) == Kind.PYTHON) {
                    continue;
                }
                String name = r.strategy() + " x" + r.workers();
                lines.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {micros, r.efficiency()});
                suspect.computeIfAbsent(name, k -> new ArrayList<>()).add(r.suspect());
                firstOf.putIfAbsent(name, r);
                minX = Math.min(minX, micros);
                maxX = Math.max(maxX, micros);
                maxY = Math.max(maxY, r.efficiency());
            }
        }
        int height = 380;
        int left = 60;
        int right = 170;
        int top = TOP + 6;
        int bottom = height - 40;
        double w = WIDTH - left - right;
        double h = bottom - top;
        double logMin = Math.floor(Math.log10(Math.max(minX == Double.MAX_VALUE ? 1 : minX, 1e-3)));
        double logMax = Math.max(logMin + 1, Math.ceil(Math.log10(Math.max(maxX, 1e-3))));
        double yTop = maxY * 1.05;
        StringBuilder svg = new StringBuilder();
        header(svg, "chart tasksize", "Efficiency against task size: " + job + " (speedup per worker; the dashed line: every worker busy)", height);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>%n",
                left, top, w, h));
        for (int e = (int) logMin; e <= logMax; e++) {
            double x = left + (e - logMin) / (logMax - logMin) * w;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    x, bottom + 14, micros(Math.pow(10, e))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">task size (sequential time per task)</text>%n",
                left + w / 2, bottom + 30));
        for (double v = 0; v <= yTop; v += 0.25) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.0f%%</text>%n",
                    left - 4, bottom - v / yTop * h + 4, 100 * v));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"5,4\"/>%n",
                left, bottom - 1 / yTop * h, left + w, bottom - 1 / yTop * h));
        int legend = 0;
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            String colour = Kind.of(firstOf.get(e.getKey())).colour;
            String dash = legend % 2 == 1 ? " stroke-dasharray=\"2,2\"" : "";
            StringBuilder points = new StringBuilder();
            List<double[]> ps = e.getValue();
            for (int i = 0; i < ps.size(); i++) {
                double x = left + (Math.log10(ps.get(i)[0]) - logMin) / (logMax - logMin) * w;
                double y = bottom - ps.get(i)[1] / yTop * h;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                boolean hollow = suspect.get(e.getKey()).get(i);
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" stroke=\"%s\"><title>%s, tasks of %s: %.0f%%%s</title></circle>%n",
                        x, y, hollow ? "white" : colour, colour, Timeline.escape(e.getKey()), micros(ps.get(i)[0]), 100 * ps.get(i)[1],
                        hollow ? " (suspect)" : ""));
            }
            line(svg, points, colour, dash, e.getKey(), left + w, top + 12 + legend * 16);
            legend++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** 10 us, 1 ms, 2.5 s: a task size in words. */
    static String micros(double us) {
        return us < 1000 ? figures(us) + " us" : us < 1_000_000 ? figures(us / 1000) + " ms" : figures(us / 1e6) + " s";
    }

    /** Three significant figures, no trailing zeros: 1, 2.5, 120. */
    private static String figures(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A line chart's line through {@code points}, and its entry in the legend right of the plot (its top at {@code legendY}). */
    private static void line(StringBuilder svg, StringBuilder points, String colour, String dash, String name, double plotRight, int legendY) {
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                points.toString().strip(), colour, dash));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.0f\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                plotRight + 12, legendY - 4, plotRight + 32, legendY - 4, colour, dash));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" font-size=\"11\">%s</text>%n", plotRight + 36, legendY, Timeline.escape(name)));
    }

    /** An SVG for a bar chart of {@code bars} bars, with its title. */
    private static StringBuilder open(String cssClass, String title, int bars) {
        StringBuilder svg = new StringBuilder();
        header(svg, cssClass, title, TOP + bars * (BAR + 4) + 60);
        return svg;
    }

    private static void header(StringBuilder svg, String cssClass, String title, int height) {
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n",
                cssClass, WIDTH, height, WIDTH, height));
        svg.append("<title>").append(Timeline.escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", Timeline.escape(title)));
    }

    /** One named bar, coloured by its kind, with its value after it (after {@code textAfter}: past a whisker). */
    private static void bar(StringBuilder svg, Row r, int y, double length, double textAfter, String value) {
        String name = r.strategy() + (r.pooled() ? " x" + r.workers() : " (per task)");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>%n",
                LEFT - 6, y + BAR - 5, Timeline.escape(name)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>%n",
                LEFT, y, Math.max(1, length), BAR, Kind.of(r).colour, Timeline.escape(name), value));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
                LEFT + Math.max(Math.max(1, length), textAfter) + 6, y + BAR - 5, value));
    }

    /** Four ticks under the bars. */
    private static void axis(StringBuilder svg, int bars, double max, double plot, String unit) {
        int y = TOP + bars * (BAR + 4) + 2;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, y, LEFT + plot, y));
        for (int t = 0; t <= 4; t++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s%s</text>%n",
                    LEFT + plot * t / 4, y + 13, figure(max * t / 4), unit));
        }
    }

    /** The kinds present, in a row under the axis. */
    private static void legend(StringBuilder svg, List<Row> rows, int bars) {
        int y = TOP + bars * (BAR + 4) + 40;
        int x = LEFT;
        for (Kind k : rows.stream().map(Kind::of).distinct().sorted().toList()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9, k.colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", x + 14, y, k.label));
            x += 24 + 7 * k.label.length();
        }
    }

    /** A figure with as many decimals as it needs: 1234, 56.7, 0.89. */
    private static String figure(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
