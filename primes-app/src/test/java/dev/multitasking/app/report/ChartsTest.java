package dev.multitasking.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.app.compare.Row;
import dev.multitasking.core.measure.RunStats;
import dev.multitasking.core.measure.TimingVerdict;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's charts, from rows made up here. */
public class ChartsTest {

    /** A row with timed runs of these wall times in ms, the speedup set from {@code baselineMs}. */
    public static Row row(String strategy, int workers, boolean pooled, double baselineMs, double... wallMs) {
        List<RunStats> runs = java.util.Arrays.stream(wallMs)
                .mapToObj(ms -> new RunStats(strategy, workers, 0, (long) (ms * 1e6), 0)).toList();
        Row r = new Row(strategy, workers, pooled, runs, List.of(), null, true, "ok", null, 2, true, TimingVerdict.SOUND);
        return r.withSpeedup(baselineMs / Row.ms(r.median().wallNanos()));
    }

    /** One worker count: the rows of a small comparison, for the charts and the finding. */
    public static final List<Row> ONE_COUNT = List.of(
            row("sequential", 1, true, 100, 100, 101, 99),
            row("jdk-fixed", 2, true, 100, 52, 53, 51),
            row("virtual", 2, false, 100, 60, 61, 59),
            row("processes", 2, true, 100, 70, 75, 65),
            row("python-sequential", 1, true, 100, 2000, 2010, 1990));

    @Test
    void wall_namesEveryBar_fastestFirst_colouredByKind_withItsRange() {
        String svg = Charts.wall("seed", ONE_COUNT);
        assertThat(labels(svg)).containsExactly("jdk-fixed x2", "virtual (per task)", "processes x2", "sequential x1", "python-sequential x1");
        assertThat(svg).contains(Charts.Kind.THREAD_POOL.colour, Charts.Kind.THREAD_PER_TASK.colour, Charts.Kind.PROCESSES.colour,
                Charts.Kind.SEQUENTIAL.colour, Charts.Kind.PYTHON.colour);
        assertThat(svg).doesNotContain(Charts.Kind.CLUSTER.colour);
        assertThat(Pattern.compile("<line ").matcher(svg).results().count()).as("a whisker per bar, and the axis").isEqualTo(6);
        assertThat(svg.length()).as("a chart of a few kilobytes").isLessThan(8_000);
    }

    @Test
    void speedup_withOneWorkerCount_isNamedBars_withTheIdealLine() {
        String svg = Charts.speedup("seed", ONE_COUNT);
        assertThat(labels(svg)).containsExactly("jdk-fixed x2", "virtual (per task)", "processes x2", "python-sequential x1");
        assertThat(svg).contains("1.92x", "ideal, 2x").doesNotContain("<polyline");
    }

    @Test
    void speedup_overASweep_isALinePerStrategy_againstWorkers() {
        List<Row> sweep = List.of(row("sequential", 1, true, 100, 100), row("fixed", 1, true, 100, 100), row("fixed", 2, true, 100, 55),
                row("stealing", 1, true, 100, 101), row("stealing", 2, true, 100, 52));
        String svg = Charts.speedup("count", sweep);
        assertThat(Pattern.compile("<polyline").matcher(svg).results().count()).isEqualTo(2);
        assertThat(svg).contains(">fixed</text>", ">stealing</text>", "stroke-dasharray=\"5,4\"");
    }


    /** One job in 4, 40 and 400 tasks: a line per pool against task size, on a log scale, an efficiency of its own per point. */
    @Test
    void taskSize_isALinePerPool_againstTheSequentialTimePerTask() {
        var byTasks = new java.util.TreeMap<Integer, List<Row>>();
        byTasks.put(4, List.of(row("sequential", 1, true, 400, 400), row("jdk-fixed", 2, true, 400, 200), row("processes", 2, true, 400, 210)));
        byTasks.put(40, List.of(row("sequential", 1, true, 400, 400), row("jdk-fixed", 2, true, 400, 202), row("processes", 2, true, 400, 250)));
        byTasks.put(400, List.of(row("sequential", 1, true, 400, 400), row("jdk-fixed", 2, true, 400, 210), row("processes", 2, true, 400, 800)));
        String svg = Charts.taskSize("count:1000000", byTasks);
        assertThat(Pattern.compile("<polyline").matcher(svg).results().count()).isEqualTo(2);
        assertThat(svg).contains(">jdk-fixed x2</text>", ">processes x2</text>");
        // 400 ms in 4 tasks: 100 ms each; in 400: 1 ms each. The process pool at 1 ms a task: 400 / 800 / 2 = 25%.
        assertThat(svg).contains("processes x2, tasks of 100 ms: 95%", "processes x2, tasks of 1 ms: 25%", ">1 ms</text>", ">100 ms</text>");
    }

    /** The report draws that chart for count:N:C over three or more C of one N, and for nothing else. */
    @Test
    void taskSizeSweeps_areOneJobInThreeOrMoreTaskCounts() {
        List<Row> rows = ONE_COUNT;
        var results = List.of(
                new dev.multitasking.app.compare.Comparison.WorkloadResult("count:1000000:4", "", rows, List.of(), null),
                new dev.multitasking.app.compare.Comparison.WorkloadResult("count:1000000:40", "", rows, List.of(), null),
                new dev.multitasking.app.compare.Comparison.WorkloadResult("seed", "", rows, List.of(), null),
                new dev.multitasking.app.compare.Comparison.WorkloadResult("count:1000000:400", "", rows, List.of(), null),
                new dev.multitasking.app.compare.Comparison.WorkloadResult("count:2000000:4", "", rows, List.of(), null),
                new dev.multitasking.app.compare.Comparison.WorkloadResult("count:2000000:40", "", rows, List.of(), null));
        var sweeps = HtmlReport.taskSizeSweeps(results);
        assertThat(sweeps).containsOnlyKeys("count:1000000");
        assertThat(sweeps.get("count:1000000")).containsOnlyKeys(4, 40, 400);
    }

    /** The bars' names, top to bottom. */
    private static List<String> labels(String svg) {
        return Pattern.compile("<text [^>]*text-anchor=\"end\">([^<]*)</text>").matcher(svg).results()
                .map(m -> m.group(1)).filter(l -> !l.endsWith("x") || l.contains(" ")).toList();
    }
}
