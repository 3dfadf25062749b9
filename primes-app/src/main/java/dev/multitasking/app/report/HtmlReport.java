package dev.multitasking.app.report;

import dev.multitasking.app.compare.Comparison;
import dev.multitasking.app.compare.Comparison.Fit;
import dev.multitasking.app.compare.Comparison.WorkloadResult;
import dev.multitasking.app.compare.Finding;
import dev.multitasking.app.compare.Row;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Span;
import dev.multitasking.core.measure.Physics;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.RunStats;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page with no script and no network: the machine and
 * options, then per workload the machine during its rounds, its table (with each row's timing
 * verdict), speedup and wall-time charts, and a timeline per strategy.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String of(Report report) {
        Machine machine = report.machine();
        Comparison.Options options = report.options();
        StringBuilder h = new StringBuilder();
        h.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>primes compare</title>
                <style>
                body { font-family: sans-serif; margin: 2em; max-width: 1000px; color: #222; }
                table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
                th, td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: right; }
                th:first-child, td:first-child, td.text, th:last-child { text-align: left; }
                .wrong { color: #b00; font-weight: bold; }
                .note { background: #fff4d6; padding: 0.5em 1em; }
                .finding { font-weight: bold; }
                figure { margin: 1em 0; }
                section { border-top: 2px solid #888; margin-top: 2em; }
                </style>
                </head>
                <body>
                <h1>primes compare</h1>
                """);
        h.append("<p>").append(esc(report.created().toString())).append(". Every row's result was checked against the workload's oracle, and its timing against physics: "
                + "a row marked suspect ran faster than the cores allow, on less CPU than the same work needs, while the JIT "
                + "compiled, or on a busy machine, and is never called the winner.</p>\n");
        if (report.interrupted()) {
            h.append("<p class=\"note\">Interrupted (Ctrl-C): only the rows that finished are shown.</p>\n");
        }
        h.append("<h2>Machine</h2>\n<table>\n");
        row(h, "cores", Integer.toString(machine.cores()));
        row(h, "memory", (machine.memoryBytes() >> 30) + " GiB");
        row(h, "CPU", machine.cpu() + " (" + machine.vectors() + ")");
        row(h, "OS", machine.os());
        row(h, "JDK", machine.jdk());
        h.append("</table>\n<h2>Options</h2>\n<table>\n");
        row(h, "workloads", String.join(", ", options.workloads()));
        row(h, "strategies", String.join(", ", options.strategies()));
        row(h, "workers", options.workers().toString());
        row(h, "runs", String.format(Locale.ROOT, "warm-up until steady (at least %d runs, at most %.0f s), then at least %d timed, in rounds "
                + "(every row once per round; more for a short workload, until they lasted 2 s); median shown", options.warmup(), options.maxWarmupSeconds(), options.repeat()));
        row(h, "python", Boolean.toString(options.python()));
        h.append("</table>\n");
        h.append("""
                <h2>How to read this</h2>
                <p><b>Speedup</b> is the median wall time of <code>sequential</code> over a row's: 2.0 means twice as fast
                (for the lecture's Python program, of <code>python-sequential</code>: Python against itself; Java against
                Python is its own line, <b>Java over Python</b>).
                <b>cpu ms</b> is the CPU this JVM and its worker processes used in the median run; <b>jit</b> and <b>gc</b>
                are the parts of it the JIT compilers and the garbage collector took (with the VM thread).
                Rows run in <b>rounds</b>: warm-up rounds until the JIT compiled next to nothing and times stopped falling,
                then timed rounds, every row once per round, so that noise falls on every row alike.
                <b>Efficiency</b> is speedup per worker: 1.0 means every worker was busy all the time; below it, workers
                waited (for work, a lock, the memory bus) or the run paid for hand-offs. Pool <b>start-up</b> is timed apart
                from the work. The dashed line on a speedup chart is the ideal, speedup equal to workers. Colours are kinds:
                sequential, thread pools, a thread per task, worker processes, a cluster, Python.
                A <b>timeline</b> has a lane per worker and a bar per task: gaps are idle workers, a long last bar is a
                straggler, and the space before the first bar is the cost of handing work over.</p>
                """);
        for (WorkloadResult w : report.results()) {
            h.append("<section class=\"workload\">\n<h2>").append(esc(w.spec())).append("</h2>\n<p>")
                    .append(esc(w.description())).append("</p>\n");
            window(h, w.window());
            table(h, w.rows());
            if (!w.fits().isEmpty()) {
                h.append("<p>Amdahl's law fitted to each sweep (what the serial part allows on more cores):</p>\n<table>\n")
                        .append("<tr><th>strategy</th><th>serial fraction</th><th>speedup on 16</th><th>on 64</th></tr>\n");
                for (Fit f : w.fits()) {
                    h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.1fx</td><td>%.1fx</td></tr>%n",
                            esc(f.strategy()), f.serialFraction(), f.speedupAt16(), f.speedupAt64()));
                }
                h.append("</table>\n");
            }
            List<Row> ran = w.rows().stream().filter(r -> !r.failedToRun()).toList();
            h.append("<p class=\"finding\">").append(esc(Finding.of(w.rows()))).append("</p>\n");
            Finding.JavaOverPython.of(w.rows()).ifPresent(j -> h.append("<p class=\"finding\">").append(esc(j.sentence())).append("</p>\n"));
            // A line per strategy against workers for a sweep; a bar per row for one worker count.
            if (ran.stream().anyMatch(r -> r.speedup() != null && !r.strategy().equals(SequentialStrategy.NAME))) {
                h.append("<figure class=\"chart speedup\">").append(Charts.speedup(w.spec(), ran)).append("</figure>\n");
            }
            if (!ran.isEmpty()) {
                h.append("<figure class=\"chart wall\">").append(Charts.wall(w.spec(), ran)).append("</figure>\n");
            }
            h.append("<h3>Timelines (the median run; each strategy at its most workers)</h3>\n");
            for (String strategy : ran.stream().map(Row::strategy).distinct().toList()) {
                ran.stream().filter(r -> r.strategy().equals(strategy) && !r.spans().isEmpty())
                        .max(Comparator.comparingInt(Row::workers))
                        .ifPresent(r -> h.append("<figure>").append(Timeline.svg(String.format(Locale.ROOT,
                                "%s, %s: %.1f ms, %d tasks", r.strategy(), r.pooled() ? r.workers() + " workers" : "a thread per task",
                                Row.ms(r.median().wallNanos()),
                                r.spans().size()), r.spans(), r.spans().stream().mapToLong(Span::startMicros).min().orElse(0)))
                                .append("</figure>\n"));
            }
            h.append("</section>\n");
        }
        for (var sweep : taskSizeSweeps(report.results()).entrySet()) {
            h.append("<section class=\"workload\">\n<h2>").append(esc(sweep.getKey())).append(" in tasks of every size</h2>\n")
                    .append("<p>The same job split into ").append(sweep.getValue().size())
                    .append(" different numbers of tasks: how long a task must be before each pool pays for it (<code>./primes demo scale-03</code> tells the story).</p>\n")
                    .append("<figure class=\"chart tasksize\">").append(Charts.taskSize(sweep.getKey(), sweep.getValue())).append("</figure>\n</section>\n");
        }
        h.append("<p>Files beside this one: <code>results.json</code> (schema in <code>results.schema.json</code>), ")
                .append("<code>results.csv</code>.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The workloads that split one job into different numbers of tasks, by job: {@code count:N:C}
     * for three or more {@code C} of one {@code N}, each one's rows by its {@code C}.
     */
    static java.util.Map<String, java.util.SortedMap<Integer, List<Row>>> taskSizeSweeps(List<WorkloadResult> results) {
        java.util.Map<String, java.util.SortedMap<Integer, List<Row>>> jobs = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern count = java.util.regex.Pattern.compile("(count:[^:]+):(\\d+)");
        for (WorkloadResult w : results) {
            java.util.regex.Matcher m = count.matcher(w.spec());
            if (m.matches()) {
                jobs.computeIfAbsent(m.group(1), k -> new java.util.TreeMap<>()).put(Integer.parseInt(m.group(2)), w.rows());
            }
        }
        jobs.values().removeIf(byTasks -> byTasks.size() < 3);
        return jobs;
    }

    private static void table(StringBuilder h, List<Row> rows) {
        h.append("<table class=\"rows\">\n<tr><th>strategy</th><th>workers</th><th>wall ms (median)</th><th>min-max</th>")
                .append("<th>cpu ms</th><th>jit ms</th><th>gc ms</th><th>start-up ms</th><th>speedup</th><th>efficiency</th><th>verified</th>")
                .append("<th>timing</th></tr>\n");
        for (Row r : rows) {
            h.append("<tr><td>").append(esc(r.strategy())).append("</td><td>").append(r.workers()).append("</td>");
            if (r.failedToRun()) {
                h.append("<td colspan=\"8\"></td><td class=\"text wrong\">").append(esc(r.verdict())).append("</td><td></td></tr>\n");
                continue;
            }
            RunStats m = r.median();
            h.append(String.format(Locale.ROOT, "<td>%.1f</td><td>%.1f-%.1f</td><td>%s</td><td>%s</td><td>%s</td><td>%.1f</td><td>%s</td><td>%s</td>",
                    Row.ms(m.wallNanos()), r.minWallMs(), r.maxWallMs(),
                    m.cpuNanos() > 0 ? String.format(Locale.ROOT, "%.0f", Row.ms(m.cpuNanos())) : "-",
                    r.isPython() ? "-" : String.format(Locale.ROOT, "%.1f", Row.ms(m.jitNanos())),
                    r.isPython() ? "-" : String.format(Locale.ROOT, "%.1f", Row.ms(m.gcNanos())), Row.ms(m.startupNanos()),
                    r.speedup() == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    r.efficiency() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.efficiency())));
            h.append("<td class=\"text\">").append(esc(r.verdict()));
            if (r.flameGraph() != null) {
                // Flame graphs live in flames/ beside this page.
                h.append(" (<a href=\"flames/").append(esc(r.flameGraph().getFileName().toString())).append("\">flame graph</a>)");
            }
            h.append("</td>");
            h.append(r.suspect() ? "<td class=\"text wrong suspect\">suspect: " + esc(r.timing().detail()) + "</td>"
                    : "<td class=\"text\">sound</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** The machine during the timed rounds: load, others' CPU, steal. */
    private static void window(StringBuilder h, Rounds.Window w) {
        if (w.wallNanos() == 0) {
            return;
        }
        String busy = Physics.busy(w).orElse(null);
        h.append("<p class=\"").append(busy == null ? "window" : "window note").append("\">").append(esc(String.format(Locale.ROOT,
                "During the timed rounds (%.1f s): load average %.2f before, %.2f after; other processes' CPU %s; steal %s.",
                w.wallNanos() / 1e9, w.loadBefore(), w.loadAfter(),
                Double.isNaN(w.othersShare()) ? "unknown" : String.format(Locale.ROOT, "%.0f ms (%.1f%% of the machine)",
                        w.othersCpuNanos() / 1e6, 100 * w.othersShare()),
                Double.isNaN(w.stealShare()) ? "unknown" : String.format(Locale.ROOT, "%.0f ms", w.stealNanos() / 1e6))));
        if (busy != null) {
            h.append(" <b>Busy: ").append(esc(busy)).append("; every row is suspect.</b>");
        }
        h.append("</p>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td class=\"text\">").append(esc(value)).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return Timeline.escape(s);
    }
}
