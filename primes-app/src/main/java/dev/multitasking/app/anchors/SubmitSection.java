package dev.multitasking.app.anchors;

import java.util.List;
import java.util.Locale;

/**
 * Trivial tasks submitted at once, one {@code submit} each, to a process pool of two workers: what
 * the pool's own path costs a task when nothing batches them for it.
 */
final class SubmitSection implements Section {

    static final Target RATE = Target.atLeast("tasks a second", 150_000, " a second");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        int n = run.sizes().submitted();
        md.section(String.format(Locale.ROOT, "Process pools: %,d trivial tasks submitted at once to two worker processes", n));
        List<Figure> f = run.interleaved(List.of(new Side("Java", "`ProcessPoolExecutor.submit` (this project)",
                () -> FigureJvm.measure("seed", "processes", 2, "submit:" + n, ""))));
        Figure x = f.getFirst();
        md.header("program", "pool", "wall", "workers' CPU", "caller's CPU", "tasks a second", "CPU a task: workers, caller",
                "target " + RATE.bounds());
        if (!x.ok()) {
            md.row(x.side().program(), x.side().label(), x.failure(), "", "", "", "", "");
        } else {
            double rate = n / (x.median() / 1000);
            md.row(x.side().program(), x.side().label(), x.cells(), x.more().millisWithRange(), String.format(Locale.ROOT, "%,.0f", rate),
                    String.format(Locale.ROOT, "%.1f us, %.1f us", x.cpu().median() * 1000 / n, x.more().median() * 1000 / n),
                    RATE.verdict(rate));
        }
        md.end();
        md.line("Each figure: a pool of two workers warmed by one such run, in a fresh process; " + String.format(Locale.ROOT, "%,d", n)
                + " `submit` calls of a task that returns its number, then every future read and their sum checked.");
        md.end();
    }
}
