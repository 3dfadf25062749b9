package dev.multitasking.app.anchors;

import java.util.ArrayList;
import java.util.List;

/** The lecture's six numbers by trial division, pool start-up included on both sides: the same algorithm, Java against Python. */
final class SeedSection implements Section {

    static final Target SEQUENTIAL = Target.atLeast("Java sequential over Python sequential", 30, "x");
    static final Target BEST = Target.atLeast("best Java over best Python", 30, "x");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        md.section("`seed`: the lecture's six numbers, trial division, pool start-up included");
        md.line("Java's figures: each run starts its pool, runs and closes it, after at least " + run.sizes().warmup()
                + " such runs and on until the JIT is steady; one run timed.");
        md.line("Python's: one run of the lecture's program, its pool's start and close included.");
        md.end();
        List<Side> sides = new ArrayList<>(LectureSides.python(run, "seed", "sequential", "threads", "processes"));
        for (String s : List.of("sequential", "jdk-fixed", "fixed", "stealing", "forkjoin", "virtual", "processes")) {
            sides.add(LectureSides.javaFresh(run, "seed", s));
        }
        List<Figure> f = run.interleaved(sides);
        LectureSides.rows(md, f);
        md.end();
        Figure pySeq = Figure.find(f, "Python", "sequential");
        run.ratio(SEQUENTIAL, pySeq, Figure.find(f, "Java", "`sequential`"));
        run.ratio(BEST, Figure.best(f, "Python"), Figure.best(f, "Java"));
        Figure pyThreads = Figure.find(f, "Python", "threads, 2 workers");
        if (pyThreads != null && pyThreads.ok() && pySeq.ok()) {
            md.point("Python's threads: " + pyThreads.wall().millisWithRange() + ", against " + pySeq.wall().millisWithRange() + " sequential: the GIL.");
        }
        md.point("Java tests each divisor as a whole floating-point quotient, 64 at a time (`Primes.smallestFactorByTrialDivision`);");
        md.line("  the lecture's `n % d` is `smallestFactorByRemainder`, and `PrimeAlgorithmBenchmark` times both.");
        md.end();
    }
}
