package dev.multitasking.app.report;

import dev.multitasking.core.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's timeline as SVG: one lane per worker (a thread, or a process and its thread), one bar
 * per task from its {@link Span}. A reader sees at a glance which workers idled, where the last
 * tasks straggled, and how late the first task began. Drawn directly, as the charts are
 * ({@link Charts}); tooltips are SVG {@code <title>}s, so no script is needed.
 */
final class Timeline {

    /** Lanes drawn at most; a thread-per-task run has one lane per task, and the rest are counted. */
    static final int MAX_LANES = 48;

    private static final int WIDTH = 900;
    private static final int LEFT = 150;
    private static final int LANE = 14;
    private static final int TOP = 24;

    private Timeline() {
    }

    /**
     * The SVG for these spans; {@code originMicros} is where the time axis starts (the run's
     * first submit, so the gap before the first bar is the hand-off cost).
     */
    static String svg(String title, List<Span> spans, long originMicros) {
        Map<String, List<Span>> lanes = new LinkedHashMap<>();
        spans.stream().sorted(Comparator.comparingLong(Span::startMicros))
                .forEach(s -> lanes.computeIfAbsent(s.pid() + "/" + s.worker(), k -> new ArrayList<>()).add(s));
        long origin = Math.min(originMicros, spans.stream().mapToLong(Span::startMicros).min().orElse(originMicros));
        long end = spans.stream().mapToLong(Span::endMicros).max().orElse(origin + 1);
        double span = Math.max(1, end - origin);
        int shown = Math.min(MAX_LANES, lanes.size());
        int height = TOP + shown * LANE + 40;
        double plot = WIDTH - LEFT - 40;   // room on the right for the last tick's label
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", escape(title)));
        int lane = 0;
        boolean multiProcess = lanes.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().count() > 1;
        for (Map.Entry<String, List<Span>> e : lanes.entrySet()) {
            if (lane == shown) {
                break;
            }
            int y = TOP + lane * LANE;
            if (lane % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"#f3f3f3\"/>%n", LEFT, y, plot, LANE));
            }
            String label = multiProcess ? e.getKey() : e.getKey().substring(e.getKey().indexOf('/') + 1);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4, y + LANE - 3, escape(label.length() > 24 ? label.substring(0, 24) : label)));
            for (Span s : e.getValue()) {
                double x = LEFT + (s.startMicros() - origin) / span * plot;
                double w = Math.max(0.6, s.durationMicros() / span * plot);
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"task\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"hsl(%d,60%%,55%%)\" stroke=\"#fff\" stroke-width=\"0.3\">"
                                + "<title>task %d on %s: %.3f ms from %.3f ms</title></rect>%n",
                        x, y + 1, w, LANE - 2, (s.task() * 47) % 360, s.task(), escape(e.getKey()),
                        s.durationMicros() / 1000.0, (s.startMicros() - origin) / 1000.0));
            }
            lane++;
        }
        int axis = TOP + shown * LANE + 4;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.0f\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, axis, LEFT + plot, axis));
        for (int t = 0; t <= 4; t++) {
            double x = LEFT + plot * t / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.1f ms</text>%n",
                    x, axis + 14, span * t / 4 / 1000.0));
        }
        if (lanes.size() > shown) {
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\">%d more lanes not drawn</text>%n",
                    axis + 30, lanes.size() - shown));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
