package dev.multitasking.app.anchors;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU-bound scaling on 2 workers, start-up excluded, warm: each strategy's speedup over one
 * thread, and physics' check that it is one 2 workers can give.
 */
final class ScalingSection implements Section {

    /** Every pool on 2 workers, the process pool's included (it crosses a process boundary, but per chunk, not per number). */
    static final Target SPEEDUP = Target.atLeast("speedup on 2 workers", 1.8, "x");

    static final List<String> WORKLOADS = List.of("count:2000000", "sieve:1000000000");
    static final List<String> POOLS = List.of("fixed", "stealing", "forkjoin", "jdk-fixed", "processes");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        Sizes sizes = run.sizes();
        md.section("CPU-bound scaling on 2 workers, start-up excluded, after at least " + sizes.warmup()
                + " warm-up runs and on until steady");
        md.header("workload", "strategy", "wall", "CPU", "speedup", "target " + SPEEDUP.bounds());
        // Two workers on a machine of at least two cores: no pool can be more than twice as fast as one thread.
        int bound = Math.min(2, Runtime.getRuntime().availableProcessors());
        boolean suspect = false;
        for (String w : WORKLOADS) {
            List<Side> sides = new ArrayList<>();
            sides.add(new Side("Java", "sequential", () -> FigureJvm.measure(w, "sequential", 1, "warm:" + sizes.warmup(), "")));
            for (String s : POOLS) {
                sides.add(new Side("Java", s, () -> FigureJvm.measure(w, s, 2, "warm:" + sizes.warmup(), "")));
            }
            String longer = "processes, after " + sizes.longWarmup() + " warm-up runs";
            sides.add(new Side("Java", longer, () -> FigureJvm.measure(w, "processes", 2, "warm:" + sizes.longWarmup(), "")));
            List<Figure> f = run.interleaved(sides);
            Figure base = f.getFirst();
            for (Figure x : f) {
                String label = x.side().label();
                if (x == base || !x.ok() || !base.ok()) {
                    md.row("`" + w + "`", label, x.cells(), x == base ? "1.00x" : "", "");
                    continue;
                }
                double speedup = base.median() / x.median();
                boolean impossible = speedup > bound;
                suspect |= impossible;
                String verdict = impossible ? "**suspect** (above " + bound + " workers' worth): not counted"
                        : label.equals(longer) ? "(for comparison)" : SPEEDUP.verdict(speedup);
                md.row("`" + w + "`", label, x.cells(), String.format(java.util.Locale.ROOT, "%.2fx", speedup), verdict);
            }
        }
        md.end();
        if (suspect) {
            md.line("A speedup above the " + bound + " workers is physics' verdict on the figure, not a result: a bug until explained. The");
            md.line("medians of a few runs each are compared, and the sequential row's runs spread (its range above); when its median sits");
            md.line("at the slow end, a pool's speedup comes out above what its workers can give. More rounds (`--repeat`) narrow it.");
            md.end();
        }
        md.line("A worker JVM compiles its side of the protocol only after a few hundred tasks (64 per run here), so the");
        md.line("`processes` row is also measured after " + sizes.longWarmup() + " warm-up runs on the same workers: what the pool does once warm.");
        md.end();
    }
}
