package dev.multitasking.profiling.lesson;

import dev.multitasking.profiling.bench.CollectionBuildBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * <b>{@code timeit}, the lecture's eight ways of building 0..99, and why a JIT needs JMH.</b>
 * The lecture times eight Python forms with {@code timeit} (its printout timed the two loops
 * twice and the comprehensions never). Here the eight Java forms, paired with their Python ones,
 * are timed two ways.
 *
 * <p>First the naive way, a {@code System.nanoTime()} loop, as {@code timeit} does: 20,000 calls
 * of each, twice in a row. The first pass measures the JVM getting ready, not the code: each
 * form's first calls load its classes and link its lambdas and method references, run in the
 * interpreter, and wait for the JIT; most of the same calls run several times faster in the
 * second pass, once compiled. And a
 * naive loop has two more traps it cannot see: the JIT may drop work whose result nobody reads
 * (dead code; this loop adds every result's size to a sum, so it cannot), and it may compile the
 * loop itself mid-run (on-stack replacement), so a figure can mix two speeds.
 *
 * <p>Then JMH ({@link CollectionBuildBenchmark}), which forks a fresh JVM, warms up, measures in
 * iterations and sinks every result, and says how far its iterations disagreed: its error is the
 * 99.9% interval of the mean. A score whose error is half of it or more is marked: its iterations
 * did not agree (a collection, a recompilation, another process), and it is not a figure to
 * quote; a longer run, {@code java -jar profiling/target/benchmarks.jar CollectionBuild} (3
 * warm-up and 5 measured iterations of a second each), is. JMH lives in the benchmarks jar, not in
 * {@code primes}; the lesson runs it from {@code profiling/target/benchmarks.jar} when that jar is
 * there (a child JVM started with the JDK's {@link ProcessBuilder}: this module stands on core
 * alone), and says how to build it when it is not.
 *
 * <p>Run: {@code ./primes demo profiling-02} ({@code ./primes demo profiling-02 naive}: the naive
 * loop only). Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-01):
 * <pre>
 * Python form                Java                 naive, 1st   naive, 2nd   JMH (ns per call)
 * set(range(100))            setOfRange              7038 ns      2645 ns   1994 ± 692
 * list(range(100))           listOfRange             1893 ns       794 ns   188 ± 75
 * tuple(range(100))          arrayOfRange            4699 ns      1001 ns   589 ± 3935 (iterations disagree: not a figure)
 * str(list(range(100)))      stringOfRange           8208 ns      2635 ns   7955 ± 45236 (iterations disagree: not a figure)
 * s.add(i) in a loop         setAddLoop              3271 ns       613 ns   2783 ± 6673 (iterations disagree: not a figure)
 * l.append(i) in a loop      listAddLoop             1250 ns       196 ns   330 ± 205 (iterations disagree: not a figure)
 * {i for i in range(100)}    setComprehension        2639 ns      1973 ns   6454 ± 40153 (iterations disagree: not a figure)
 * [i for i in range(100)]    listComprehension       2717 ns      1525 ns   679 ± 224
 * </pre>
 */
public final class Profiling_02_TimeitTheEightWays {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A naive timing loop times the JVM warming up; JMH times warm code, and its error says when runs disagreed.";

    private Profiling_02_TimeitTheEightWays() {
    }

    /** One way: its Python form, the Java method that stands for it, and the method itself. */
    record Way(String python, String java, Supplier<Collection<?>> build) {
    }

    static List<Way> ways() {
        CollectionBuildBenchmark b = new CollectionBuildBenchmark();
        return List.of(
                new Way("set(range(100))", "setOfRange", b::setOfRange),
                new Way("list(range(100))", "listOfRange", b::listOfRange),
                new Way("tuple(range(100))", "arrayOfRange", () -> java.util.Arrays.stream(b.arrayOfRange()).boxed().toList()),
                new Way("str(list(range(100)))", "stringOfRange", () -> List.of(b.stringOfRange())),
                new Way("s.add(i) in a loop", "setAddLoop", b::setAddLoop),
                new Way("l.append(i) in a loop", "listAddLoop", b::listAddLoop),
                new Way("{i for i in range(100)}", "setComprehension", b::setComprehension),
                new Way("[i for i in range(100)]", "listComprehension", b::listComprehension));
    }

    /** Nanoseconds per call of each way, naively: {@code calls} calls timed with {@code System.nanoTime()}. */
    static Map<String, Double> naive(int calls) {
        Map<String, Double> perCall = new LinkedHashMap<>();
        long sink = 0;
        for (Way w : ways()) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += w.build().get().size();   // read every result: the JIT may not drop the work
            }
            perCall.put(w.java(), (System.nanoTime() - start) / (double) calls);
        }
        if (sink == 42) {
            System.out.print("");   // never: sink is read, so the loop's work is not dead code
        }
        return perCall;
    }

    /** The benchmarks jar, where a build put it: from the repository root, or from the profiling module. */
    static Optional<Path> benchmarksJar() {
        return java.util.stream.Stream.of(Path.of("profiling", "target", "benchmarks.jar"), Path.of("target", "benchmarks.jar"))
                .filter(Files::isRegularFile).findFirst();
    }

    /** JMH's score and error per method, in ns, from a short run of {@code CollectionBuildBenchmark} in a child JVM. */
    static Map<String, String> jmh(Path jar) throws IOException, InterruptedException {
        Path csv = Files.createTempFile("collection-build", ".csv");
        Path log = Files.createTempFile("collection-build", ".log");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-jar", jar.toString(), "CollectionBuild", "-f", "1", "-wi", "3", "-i", "5",
                    "-w", "500ms", "-r", "500ms", "-rf", "csv", "-rff", csv.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new IOException("JMH ran past 5 minutes");
            }
            Map<String, String> scores = new LinkedHashMap<>();
            for (String line : Files.readAllLines(csv)) {
                String[] f = line.replace("\"", "").split(",");
                if (f.length >= 6 && f[0].contains(".")) {
                    double score = Double.parseDouble(f[4]);
                    double error = Double.parseDouble(f[5]);
                    scores.put(f[0].substring(f[0].lastIndexOf('.') + 1), String.format(Locale.ROOT, "%.0f ± %.0f%s", score, error,
                            error >= score / 2 ? " (iterations disagree: not a figure)" : ""));
                }
            }
            return scores;
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(log);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, Double> first = naive(20_000);
        Map<String, Double> second = naive(20_000);
        // "naive": the naive loop only (a test's run: what it does must not depend on what a build left in target/).
        boolean naiveOnly = args.length > 0 && args[0].equals("naive");
        Optional<Path> jar = naiveOnly ? Optional.empty() : benchmarksJar();
        Map<String, String> jmh = jar.isPresent() ? jmh(jar.get()) : Map.of();
        System.out.printf("%-26s %-18s %12s %12s   %s%n", "Python form", "Java", "naive, 1st", "naive, 2nd", "JMH (ns per call)");
        List<String> rows = new ArrayList<>();
        for (Way w : ways()) {
            rows.add(String.format(Locale.ROOT, "%-26s %-18s %9.0f ns %9.0f ns   %s", w.python(), w.java(), first.get(w.java()),
                    second.get(w.java()), jmh.getOrDefault(w.java(), "-")));
        }
        rows.forEach(System.out::println);
        if (jar.isEmpty() && !naiveOnly) {
            System.out.println("(JMH: no benchmarks.jar here; './mvnw package' builds profiling/target/benchmarks.jar, then run this again)");
        }
    }
}
