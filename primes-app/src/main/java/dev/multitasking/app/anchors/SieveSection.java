package dev.multitasking.app.anchors;

import dev.multitasking.processes.ChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** pi(N) by the project's segmented sieve against primesieve: the kernel (warm, in-process time) and the whole process. */
final class SieveSection implements Section {

    static final Target KERNEL = Target.atMost("Java's warm sieve over primesieve's own timer", 1.3, "x");
    static final Target PROCESS = Target.atMost("`primes count N` over `primesieve N`, whole processes", 1.5, "x");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        long limit = run.sieveLimit();
        String n = String.format(Locale.ROOT, "%.0e", (double) limit).replace("+", "").replace("e0", "e");
        md.section("pi(" + n + "): the project's segmented sieve against primesieve");
        Optional<Path> primesieve = ChildProcess.which("primesieve");
        md.header("threads", "primesieve (its own timer)", "Java sieve, warm", "ratio (target " + KERNEL.bounds() + ")",
                "`primesieve " + n + "`, whole process", "`primes count " + n + "`, whole process", "ratio (target " + PROCESS.bounds() + ")");
        for (int threads : new int[] {1, 2}) {
            List<Side> sides = List.of(
                    new Side("primesieve", "kernel", () -> OutsidePrograms.primesieve(primesieve, limit, threads).kernel()),
                    new Side("Java", "kernel", () -> FigureJvm.measure("sieve:" + limit, threads == 1 ? "sequential" : "forkjoin", threads,
                            "warm:" + run.sizes().warmup(), "")),
                    new Side("primesieve", "process", () -> OutsidePrograms.primesieve(primesieve, limit, threads).process()),
                    new Side("Java", "process", () -> OutsidePrograms.primesCount(limit, threads)));
            List<Figure> f = run.interleaved(sides);
            md.row(threads, f.get(0).wallCell(), f.get(1).wallCell(), ratioCell(KERNEL, f.get(1), f.get(0)),
                    f.get(2).wallCell(), f.get(3).wallCell(), ratioCell(PROCESS, f.get(3), f.get(2)));
        }
        md.end();
        md.line("The kernel: primesieve's own `--time` against the Java sieve's timed run in a warm JVM. The whole process: wall time from");
        md.line("start to exit, the JVM's start and the JIT's warm-up included, as a user meets `./primes count`.");
        md.end();
    }

    private static String ratioCell(Target target, Figure ours, Figure theirs) {
        return ours.ok() && theirs.ok() ? target.cell(ours.median() / theirs.median()) : "";
    }
}
