package dev.multitasking.app.anchors;

import java.util.List;
import java.util.Locale;

/** Two worker JVMs of the process pool ready, against two bare JVMs started together: what the pool adds to a JVM's start. */
final class WorkerStartSection implements Section {

    static final Target AGAINST_BARE = Target.atMost("Two worker JVMs ready over two bare JVMs started and ended", 3, "x");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        md.section("Process pools: two worker JVMs ready, against two bare JVMs");
        List<Figure> f = run.interleaved(List.of(
                new Side("Java", "`new ProcessPoolExecutor(2)`, then `awaitWorkersReady()`", () -> FigureJvm.measure("seed", "processes", 2, "ready:2", "")),
                new Side("Java", "the same with `classArchive(false)`", () -> FigureJvm.measure("seed", "processes", 2, "cold:2", "")),
                new Side("Java", "two `java -version` started at once, waited for", () -> FigureJvm.measure("seed", "processes", 2, "bare:2", ""))));
        LectureSides.rows(md, f);
        md.end();
        md.line("Each figure: the second of two tries in a fresh JVM (the first warms its side of the launch); a worker is ready when it has");
        md.line("connected to its pool's socket and said hello with its token. The workers start from the pool's class archive (`ClassArchive`:");
        md.line("on JDK 25 an ahead-of-time cache of the classes a worker loads, linked, with their profiles), which the first try's first");
        md.line("worker writes as it exits when there is none for this build and JDK yet.");
        Figure pool = f.get(0);
        Figure cold = f.get(1);
        Figure bare = f.get(2);
        if (pool.ok() && bare.ok()) {
            double r = pool.median() / bare.median();
            md.point(String.format(Locale.ROOT, "%s (target %s): **%.1fx**, %s.", AGAINST_BARE.what(), AGAINST_BARE.bounds(), r, AGAINST_BARE.verdict(r)));
        }
        if (pool.ok() && cold.ok()) {
            String againstBare = bare.ok() ? String.format(Locale.ROOT, " (%.1fx two bare JVMs')", cold.median() / bare.median()) : "";
            md.point(String.format(Locale.ROOT, "Without the class archive: %.1fx the time from it%s.", cold.median() / pool.median(), againstBare));
        }
        md.end();
    }
}
