package dev.multitasking.app.report;

import dev.multitasking.app.compare.Comparison.WorkloadResult;
import dev.multitasking.app.compare.Finding;
import dev.multitasking.app.compare.Row;
import dev.multitasking.core.measure.RunStats;
import java.util.Locale;

/** {@code results.csv}: a line per row (RFC 4180), the figures of the JSON's rows, the timing verdict in the last column. */
final class CsvReport {

    static final String HEADER = "workload,strategy,workers,wall_ms_median,wall_ms_min,wall_ms_max,cpu_ms,jit_ms,gc_ms,startup_ms,"
            + "speedup,speedup_over,efficiency,java_over_python,warmup_runs,steady,verified,verdict,timing\n";

    private CsvReport() {
    }

    static String of(Report report) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (WorkloadResult w : report.results()) {
            var jp = Finding.JavaOverPython.of(w.rows());
            for (Row r : w.rows()) {
                RunStats m = r.median();
                // For a Python row: how many times faster the fastest Java row is than this one.
                String javaOverPython = m != null && r.isPython() && jp.isPresent()
                        ? num(Finding.JavaOverPython.ratio(r, jp.get().bestJava())) : "";
                boolean java = m != null && !r.isPython();
                csv.append(String.join(",", quote(w.spec()), quote(r.strategy()), Integer.toString(r.workers()),
                        m == null ? "" : num(Row.ms(m.wallNanos())),
                        m == null ? "" : num(r.minWallMs()),
                        m == null ? "" : num(r.maxWallMs()),
                        m == null || m.cpuNanos() == 0 ? "" : num(Row.ms(m.cpuNanos())),
                        java ? num(Row.ms(m.jitNanos())) : "",
                        java ? num(Row.ms(m.gcNanos())) : "",
                        m == null ? "" : num(Row.ms(m.startupNanos())),
                        r.speedup() == null ? "" : num(r.speedup()),
                        r.speedup() == null ? "" : r.baseline(),
                        r.efficiency() == null ? "" : num(r.efficiency()),
                        javaOverPython,
                        m == null ? "" : Integer.toString(r.warmupRuns()),
                        m == null ? "" : Boolean.toString(r.steady()),
                        Boolean.toString(r.verified()), quote(r.verdict()),
                        quote(r.suspect() ? "suspect: " + r.timing().detail() : m == null ? "" : "sound"))).append('\n');
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
}
