package dev.multitasking.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.multitasking.app.compare.Comparison;
import dev.multitasking.app.compare.Finding;
import dev.multitasking.app.compare.Row;
import dev.multitasking.core.Span;
import dev.multitasking.core.measure.Physics;
import dev.multitasking.core.measure.Rounds;
import dev.multitasking.core.measure.RunStats;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code results.json}: the report as records that Jackson's databind writes as they are, field
 * for field in the order {@code results.schema.json} lists them. Times are milliseconds; a
 * measured field of a row that failed is null.
 */
final class JsonReport {

    private JsonReport() {
    }

    record Document(String schema, String created, boolean interrupted, Machine machine, Comparison.Options options,
            List<Workload> workloads) {
    }

    record Workload(String workload, String description, String finding, JavaOverPython javaOverPython, Window window,
            List<JsonRow> rows, List<Comparison.Fit> amdahl) {
    }

    record JavaOverPython(Double sequential, double best, String bestJava, String bestPython) {
    }

    /** The machine during the Java rows' timed rounds. */
    record Window(double wallMs, Double othersCpuMs, Double stealMs, Double othersShare, Double loadBefore, Double loadAfter,
            String busy) {
    }

    record Wall(double median, double min, double max) {
    }

    record Timing(boolean sound, String detail) {
    }

    record JsonRow(String strategy, int workers, boolean verified, String verdict, Timing timing, Wall wallMs, Double cpuMs,
            Double jitMs, Double gcMs, Double startupMs, Double speedup, String speedupOver, Double efficiency, Integer warmupRuns,
            Boolean steady, List<Double> runsWallMs, List<Double> runsCpuMs, List<Double> runsJitMs, List<Double> runsGcMs,
            String flameGraph, List<Span> spans) {
    }

    static String of(Report report) {
        List<Workload> workloads = report.results().stream().map(JsonReport::workload).toList();
        Document doc = new Document(Report.SCHEMA, report.created().toString(), report.interrupted(), report.machine(),
                report.options(), workloads);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report's records did not serialize", e);
        }
    }

    private static Workload workload(Comparison.WorkloadResult w) {
        JavaOverPython jp = Finding.JavaOverPython.of(w.rows()).map(j -> new JavaOverPython(j.sequential(), j.best(),
                j.bestJava().strategy() + " x" + j.bestJava().workers(), j.bestPython().strategy() + " x" + j.bestPython().workers()))
                .orElse(null);
        return new Workload(w.spec(), w.description(), Finding.of(w.rows()), jp, window(w.window()),
                w.rows().stream().map(JsonReport::row).toList(), w.fits());
    }

    private static Window window(Rounds.Window w) {
        if (w.wallNanos() == 0) {
            return null;
        }
        return new Window(Row.ms(w.wallNanos()), w.othersCpuNanos() < 0 ? null : Row.ms(w.othersCpuNanos()),
                w.stealNanos() < 0 ? null : Row.ms(w.stealNanos()), Double.isNaN(w.othersShare()) ? null : w.othersShare(),
                Double.isNaN(w.loadBefore()) ? null : w.loadBefore(), Double.isNaN(w.loadAfter()) ? null : w.loadAfter(),
                Physics.busy(w).orElse(null));
    }

    private static JsonRow row(Row r) {
        Timing timing = new Timing(!r.suspect(), r.timing().detail());
        if (r.failedToRun()) {
            return new JsonRow(r.strategy(), r.workers(), r.verified(), r.verdict(), timing, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null);
        }
        RunStats m = r.median();
        boolean java = !r.isPython();
        return new JsonRow(r.strategy(), r.workers(), r.verified(), r.verdict(), timing,
                new Wall(Row.ms(m.wallNanos()), r.minWallMs(), r.maxWallMs()),
                m.cpuNanos() > 0 ? Row.ms(m.cpuNanos()) : null,
                java ? Row.ms(m.jitNanos()) : null, java ? Row.ms(m.gcNanos()) : null,
                Row.ms(m.startupNanos()), r.speedup(), r.baseline(), r.efficiency(),
                r.warmupRuns(), r.steady(),
                ms(r, RunStats::wallNanos), ms(r, RunStats::cpuNanos), java ? ms(r, RunStats::jitNanos) : null,
                java ? ms(r, RunStats::gcNanos) : null,
                r.flameGraph() == null ? null : r.flameGraph().toString(), r.spans());
    }

    private static List<Double> ms(Row r, ToLongFunction<RunStats> field) {
        return r.timed().stream().map(t -> Row.ms(field.applyAsLong(t))).toList();
    }
}
