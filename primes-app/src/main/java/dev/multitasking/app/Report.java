package dev.multitasking.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multitasking.app.Comparison.Fit;
import dev.multitasking.app.Comparison.Options;
import dev.multitasking.app.Comparison.WorkloadResult;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Span;
import dev.multitasking.core.measure.RunStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report of a comparison, written into one directory: {@code results.json} (its schema,
 * {@code results.schema.json}, beside it), {@code results.csv} (a line per row), and
 * {@code report.html}, one self-contained page with no script and no network: the machine and
 * options, then per workload its table, speedup and wall-time charts, and a timeline per strategy.
 */
final class Report {

    static final String SCHEMA = "multitasking/results/2";

    private final Machine machine;
    private final Options options;
    private final List<WorkloadResult> results;
    private final boolean interrupted;
    private final Instant created = Instant.now();

    Report(Machine machine, Options options, List<WorkloadResult> results, boolean interrupted) {
        this.machine = machine;
        this.options = options;
        this.results = List.copyOf(results);
        this.interrupted = interrupted;
    }

    /** Writes the three files (and the schema) into {@code dir}, which must exist. */
    void writeTo(Path dir) throws IOException {
        Files.writeString(dir.resolve("results.json"), json(), StandardCharsets.UTF_8);
        try (InputStream schema = Report.class.getResourceAsStream("/results.schema.json")) {
            if (schema != null) {
                Files.copy(schema, dir.resolve("results.schema.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
    }

    String json() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("created", created.toString());
        root.put("interrupted", interrupted);
        root.set("machine", mapper.valueToTree(machine));
        root.set("options", mapper.valueToTree(options));
        ArrayNode workloads = root.putArray("workloads");
        for (WorkloadResult w : results) {
            ObjectNode wn = workloads.addObject();
            wn.put("workload", w.spec());
            wn.put("description", w.description());
            ArrayNode rows = wn.putArray("rows");
            for (Row r : w.rows()) {
                ObjectNode rn = rows.addObject();
                rn.put("strategy", r.strategy());
                rn.put("workers", r.workers());
                rn.put("verified", r.verified());
                rn.put("verdict", r.verdict());
                if (r.failedToRun()) {
                    continue;
                }
                RunStats m = r.median();
                ObjectNode wall = rn.putObject("wallMs");
                wall.put("median", Row.ms(m.wallNanos()));
                wall.put("min", r.minWallMs());
                wall.put("max", r.maxWallMs());
                if (m.cpuNanos() > 0) {
                    rn.put("cpuMs", Row.ms(m.cpuNanos()));
                } else {
                    rn.putNull("cpuMs");
                }
                rn.put("startupMs", Row.ms(m.startupNanos()));
                putNullable(rn, "speedup", r.speedup());
                rn.put("speedupOver", r.baseline());
                putNullable(rn, "efficiency", r.efficiency());
                ArrayNode runs = rn.putArray("runsWallMs");
                r.timed().forEach(t -> runs.add(Row.ms(t.wallNanos())));
                rn.put("flameGraph", r.flameGraph() == null ? null : r.flameGraph().toString());
                ArrayNode spans = rn.putArray("spans");
                for (Span s : r.spans()) {
                    ObjectNode sn = spans.addObject();
                    sn.put("task", s.task());
                    sn.put("pid", s.pid());
                    sn.put("worker", s.worker());
                    sn.put("startMicros", s.startMicros());
                    sn.put("endMicros", s.endMicros());
                }
            }
            var jp = Finding.JavaOverPython.of(w.rows());
            if (jp.isPresent()) {
                ObjectNode jn = wn.putObject("javaOverPython");
                putNullable(jn, "sequential", jp.get().sequential());
                jn.put("best", jp.get().best());
                jn.put("bestJava", jp.get().bestJava().strategy() + " x" + jp.get().bestJava().workers());
                jn.put("bestPython", jp.get().bestPython().strategy() + " x" + jp.get().bestPython().workers());
            } else {
                wn.putNull("javaOverPython");
            }
            wn.put("finding", Finding.of(w.rows()));
            ArrayNode fits = wn.putArray("amdahl");
            for (Fit f : w.fits()) {
                ObjectNode fn = fits.addObject();
                fn.put("strategy", f.strategy());
                fn.put("serialFraction", f.serialFraction());
                fn.put("speedupAt16", f.at16());
                fn.put("speedupAt64", f.at64());
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    String csv() {
        StringBuilder csv = new StringBuilder(
                "workload,strategy,workers,wall_ms_median,wall_ms_min,wall_ms_max,cpu_ms,startup_ms,speedup,speedup_over,efficiency,"
                        + "java_over_python,verified,verdict\n");
        for (WorkloadResult w : results) {
            var jp = Finding.JavaOverPython.of(w.rows());
            for (Row r : w.rows()) {
                RunStats m = r.median();
                // For a Python row: how many times faster the fastest Java row is than this one.
                String javaOverPython = m != null && r.isPython() && jp.isPresent()
                        ? num(Finding.JavaOverPython.ratio(r, jp.get().bestJava())) : "";
                csv.append(String.join(",", quote(w.spec()), quote(r.strategy()), Integer.toString(r.workers()),
                        m == null ? "" : num(Row.ms(m.wallNanos())),
                        m == null ? "" : num(r.minWallMs()),
                        m == null ? "" : num(r.maxWallMs()),
                        m == null || m.cpuNanos() == 0 ? "" : num(Row.ms(m.cpuNanos())),
                        m == null ? "" : num(Row.ms(m.startupNanos())),
                        r.speedup() == null ? "" : num(r.speedup()),
                        r.speedup() == null ? "" : r.baseline(),
                        r.efficiency() == null ? "" : num(r.efficiency()),
                        javaOverPython,
                        Boolean.toString(r.verified()), quote(r.verdict()))).append('\n');
            }
        }
        return csv.toString();
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String quote(String s) {
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    String html() {
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
        h.append("<p>").append(esc(created.toString())).append(". Every row's result was checked against the workload's oracle.</p>\n");
        if (interrupted) {
            h.append("<p class=\"note\">Interrupted (Ctrl-C): only the rows that finished are shown.</p>\n");
        }
        h.append("<h2>Machine</h2>\n<table>\n");
        row(h, "cores", Integer.toString(machine.cores()));
        row(h, "memory", (machine.memoryBytes() >> 30) + " GiB");
        row(h, "CPU", machine.cpu());
        row(h, "OS", machine.os());
        row(h, "JDK", machine.jdk());
        h.append("</table>\n<h2>Options</h2>\n<table>\n");
        row(h, "workloads", String.join(", ", options.workloads()));
        row(h, "strategies", String.join(", ", options.strategies()));
        row(h, "workers", options.workers().toString());
        row(h, "runs", options.warmup() + " warm-up, " + options.repeat() + " timed (median shown)");
        row(h, "python", Boolean.toString(options.python()));
        h.append("</table>\n");
        h.append("""
                <h2>How to read this</h2>
                <p><b>Speedup</b> is the median wall time of <code>sequential</code> over a row's: 2.0 means twice as fast
                (for the lecture's Python program, of <code>python-sequential</code>: Python against itself; Java against
                Python is its own line, <b>Java over Python</b>).
                <b>Efficiency</b> is speedup per worker: 1.0 means every worker was busy all the time; below it, workers
                waited (for work, a lock, the memory bus) or the run paid for hand-offs. Pool <b>start-up</b> is timed apart
                from the work. The dashed line on a speedup chart is the ideal, speedup equal to workers. Colours are kinds:
                sequential, thread pools, a thread per task, worker processes, a cluster, Python.
                A <b>timeline</b> has a lane per worker and a bar per task: gaps are idle workers, a long last bar is a
                straggler, and the space before the first bar is the cost of handing work over.</p>
                """);
        for (WorkloadResult w : results) {
            h.append("<section class=\"workload\">\n<h2>").append(esc(w.spec())).append("</h2>\n<p>")
                    .append(esc(w.description())).append("</p>\n");
            table(h, w.rows());
            if (!w.fits().isEmpty()) {
                h.append("<p>Amdahl's law fitted to each sweep (what the serial part allows on more cores):</p>\n<table>\n")
                        .append("<tr><th>strategy</th><th>serial fraction</th><th>speedup on 16</th><th>on 64</th></tr>\n");
                for (Fit f : w.fits()) {
                    h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.1fx</td><td>%.1fx</td></tr>%n",
                            esc(f.strategy()), f.serialFraction(), f.at16(), f.at64()));
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
        h.append("<p>Files beside this one: <code>results.json</code> (schema in <code>results.schema.json</code>), ")
                .append("<code>results.csv</code>.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, List<Row> rows) {
        h.append("<table class=\"rows\">\n<tr><th>strategy</th><th>workers</th><th>wall ms (median)</th><th>min-max</th>")
                .append("<th>cpu ms</th><th>start-up ms</th><th>speedup</th><th>efficiency</th><th>verified</th></tr>\n");
        for (Row r : rows) {
            h.append("<tr><td>").append(esc(r.strategy())).append("</td><td>").append(r.workers()).append("</td>");
            if (r.failedToRun()) {
                h.append("<td colspan=\"6\"></td><td class=\"text wrong\">").append(esc(r.verdict())).append("</td></tr>\n");
                continue;
            }
            RunStats m = r.median();
            h.append(String.format(Locale.ROOT, "<td>%.1f</td><td>%.1f-%.1f</td><td>%s</td><td>%.1f</td><td>%s</td><td>%s</td>",
                    Row.ms(m.wallNanos()), r.minWallMs(), r.maxWallMs(),
                    m.cpuNanos() > 0 ? String.format(Locale.ROOT, "%.0f", Row.ms(m.cpuNanos())) : "-", Row.ms(m.startupNanos()),
                    r.speedup() == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()),
                    r.efficiency() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.efficiency())));
            h.append("<td class=\"text\">").append(esc(r.verdict()));
            if (r.flameGraph() != null) {
                // Flame graphs live in flames/ beside this page.
                h.append(" (<a href=\"flames/").append(esc(r.flameGraph().getFileName().toString())).append("\">flame graph</a>)");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td class=\"text\">").append(esc(value)).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return Timeline.escape(s);
    }
}
