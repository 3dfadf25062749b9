package dev.multitasking.app.anchors;

import dev.multitasking.app.compare.PythonProgram;
import dev.multitasking.app.report.Machine;
import dev.multitasking.core.measure.MachineCpu;
import dev.multitasking.processes.ChildProcess;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Measures the project against its anchors, side by side on one machine in one run, and writes
 * {@code RESULTS.md}: the lecture's own Python program ({@link PythonProgram#find()}), what a
 * Python user would pick for each job ({@link PythonProgram#findStack()}: aiohttp on uvloop, a
 * thread per request, four process pools), {@code primesieve}, and the project's strategies.
 *
 * <p>Every comparison is a {@link Section} with its targets as data ({@link Target}); its sides
 * run {@link Interleaved}: each round runs every side once, A, B, C, A, B, C, ..., so a machine
 * that slows down for a while slows all sides alike; each run is a fresh process (a
 * {@link FigureJvm}, a Python, a primesieve) as a user meets it, and each figure is the median of
 * {@code --repeat} rounds with the range. Wall time and CPU time (user and system, of the process
 * and its pool's processes) stand side by side. The load average is written before the run and
 * after it, and before each section; a run that started on a busy machine says so at the top, and
 * the last line says how much CPU the host stole during it.
 *
 * <p>{@code profiling/run-anchors.sh} installs primesieve and the Python packages when it can and
 * runs this through {@code ./primes anchors}.
 */
public final class Anchors {

    /** The comparisons, in the order RESULTS.md shows them. */
    static final List<Section> SECTIONS = List.of(new SeedSection(), new CountSection(), new ScalingSection(), new SieveSection(),
            new RoundTripSection(), new WorkerStartSection(), new StreamSection(), new SubmitSection(), new IoSection(), new ClusterSection());

    private Anchors() {
    }

    /**
     * Runs every comparison and writes the Markdown to {@code out}, echoing it on stdout.
     *
     * @param repeat     rounds per comparison, the median reported
     * @param sieveLimit N for the pi(N) comparison with primesieve
     * @param smoke      every comparison at a size that shows it runs ({@link Sizes#SMOKE}), its figures no result
     */
    public static void write(int repeat, long sieveLimit, boolean smoke, Path out) throws Exception {
        Markdown md = new Markdown(System.out);
        AnchorRun run = new AnchorRun(repeat, sieveLimit, smoke ? Sizes.SMOKE : Sizes.FULL, PythonProgram.find().orElse(null),
                PythonProgram.findStack().orElse(null), md);
        String before = Load.average();
        var cpuBefore = MachineCpu.now();
        long begin = System.nanoTime();
        header(run, before);
        for (Section s : SECTIONS) {
            s.write(run);
        }
        String after = Load.average();
        var cpuAfter = MachineCpu.now();
        double cores = Runtime.getRuntime().availableProcessors();
        String stolen = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? String.format(Locale.ROOT, "; CPU time stolen by the host during the run: %.2f%% of the cores' time",
                        100.0 * (cpuAfter.get().stealNanos() - cpuBefore.get().stealNanos()) / ((System.nanoTime() - begin) * cores))
                : "";
        md.line("Load average (1, 5, 15 min) before the run: " + before + "; after: " + after
                + ". It counts the run's own processes too: a section's load is mostly the section before it" + stolen + ".");
        md.writeTo(out);
    }

    private static void header(AnchorRun run, String loadBefore) {
        Markdown md = run.md();
        md.line("# Anchors: the project measured against the lecture's Python, the best Python stack, and primesieve");
        md.end();
        md.line("Written by `profiling/run-anchors.sh` (" + LocalDate.now() + "). Each comparison is interleaved: every round runs each side once,");
        md.line("in the order of its table, each run in a fresh process; a figure is the median of " + run.repeat()
                + " rounds with the range in brackets. CPU is user plus system time of the process and its pool's processes.");
        md.end();
        md.line("Machine: " + Machine.current().summary() + (run.python() == null ? "; no python3" : "; " + run.python().version())
                + (run.stack() == null ? "" : "; the Python stack on " + run.stack().interpreter() + " (" + run.stack().version() + ")")
                + "; " + ChildProcess.which("primesieve").map(p -> OutsidePrograms.primesieveVersion()).orElse("no primesieve") + ".");
        md.end();
        if (run.sizes().smoke()) {
            md.line("**A smoke run (`--smoke`): every comparison at a size that only shows it runs; these figures are not results.**");
            md.end();
        }
        if (Load.oneMinute(loadBefore) > Load.IDLE) {
            md.line("**The machine was not idle when the run began (1-minute load " + loadBefore.split(" ")[0]
                    + "): read these figures as upper bounds.**");
            md.end();
        }
    }
}
