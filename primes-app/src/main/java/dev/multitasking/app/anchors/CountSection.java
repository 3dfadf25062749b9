package dev.multitasking.app.anchors;

import java.util.ArrayList;
import java.util.List;

/** pi(2,000,000) by trial division, pool start-up included: Python's best is a process pool over 8 range chunks. */
final class CountSection implements Section {

    static final Target BEST = Target.atLeast("best Java over best Python", 20, "x");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        md.section("`count:2000000`: pi(2,000,000) by trial division, pool start-up included");
        md.line("Measured as `seed` is: each Java run starts, runs and closes its pool, after at least " + run.sizes().warmup()
                + " such runs and on until the JIT is steady.");
        md.end();
        List<Side> sides = new ArrayList<>(LectureSides.python(run, "count:2000000:8", "sequential", "processes"));
        for (String s : List.of("sequential", "jdk-fixed", "fixed", "stealing", "forkjoin", "processes")) {
            sides.add(LectureSides.javaFresh(run, "count:2000000", s));
        }
        List<Figure> f = run.interleaved(sides);
        LectureSides.rows(md, f);
        md.end();
        run.ratio(BEST, Figure.best(f, "Python"), Figure.best(f, "Java"));
        md.end();
    }
}
