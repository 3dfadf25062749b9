package dev.multitasking.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn by XChart as SVG to inline in the HTML. */
final class Charts {

    private Charts() {
    }

    /** Speedup against workers, a line per strategy that took workers, and the ideal line. */
    static String speedup(String workload, List<Row> rows) {
        XYChart chart = new XYChartBuilder().width(640).height(400).title("Speedup over sequential: " + workload)
                .xAxisTitle("workers").yAxisTitle("speedup").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        TreeSet<Integer> counts = new TreeSet<>();
        for (String strategy : rows.stream().map(Row::strategy).distinct().toList()) {
            List<Row> mine = rows.stream().filter(r -> r.strategy().equals(strategy) && r.speedup() != null).toList();
            if (mine.isEmpty() || strategy.equals("sequential")) {
                continue;
            }
            mine.forEach(r -> counts.add(r.workers()));
            chart.addSeries(strategy, mine.stream().map(Row::workers).toList(), mine.stream().map(Row::speedup).toList());
        }
        if (!counts.isEmpty()) {
            List<Integer> xs = new ArrayList<>(counts);
            XYSeries ideal = chart.addSeries("ideal", xs, xs);
            ideal.setLineStyle(SeriesLines.DASH_DASH);
            ideal.setMarker(SeriesMarkers.NONE);
            ideal.setLineColor(java.awt.Color.GRAY);
        }
        return svg(chart);
    }

    /** Median wall time per strategy and worker count, as bars. */
    static String wall(String workload, List<Row> rows) {
        List<Row> ran = rows.stream().filter(r -> !r.failedToRun()).toList();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 60 * ran.size())).height(420).title("Wall time: " + workload)
                .xAxisTitle("strategy x workers").yAxisTitle("median wall (ms)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.addSeries("wall ms", ran.stream().map(r -> r.strategy() + " x" + r.workers()).toList(),
                ran.stream().map(r -> (Number) Row.ms(r.median().wallNanos())).toList());
        return svg(chart);
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setChartTitleBoxVisible(false);
    }

    private static String svg(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            String s = new String(ChartEncoder.getBytes(chart, "svg"), StandardCharsets.UTF_8);
            return s.substring(s.indexOf("<svg"));   // inline: no XML prolog or doctype
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
