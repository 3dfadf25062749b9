package dev.multitasking.profiling.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lecture's {@code timeit} comparison: eight ways of building the numbers 0..99, in Java.
 * Which Java form stands for which Python one:
 *
 * <table>
 * <caption>Python and Java, side by side</caption>
 * <tr><th>Python</th><th>Java (the benchmark method)</th></tr>
 * <tr><td>{@code set(range(100))}</td><td>{@link #setOfRange}: {@code IntStream.range(0, 100).boxed()} into a {@code HashSet}</td></tr>
 * <tr><td>{@code list(range(100))}</td><td>{@link #listOfRange}: {@code IntStream.range(0, 100).boxed().toList()}</td></tr>
 * <tr><td>{@code tuple(range(100))}</td><td>{@link #arrayOfRange}: {@code IntStream.range(0, 100).toArray()}, a fixed-size value like a tuple</td></tr>
 * <tr><td>{@code str(list(range(100)))}</td><td>{@link #stringOfRange}: the numbers joined into one {@code String}</td></tr>
 * <tr><td>{@code s = set(); s.add(i)} in a loop</td><td>{@link #setAddLoop}: {@code HashSet.add} in a {@code for} loop</td></tr>
 * <tr><td>{@code l = []; l.append(i)} in a loop</td><td>{@link #listAddLoop}: {@code ArrayList.add} in a {@code for} loop</td></tr>
 * <tr><td>{@code {i for i in range(100)}}</td><td>{@link #setComprehension}: a stream {@code map} collected with {@code Collectors.toSet()}</td></tr>
 * <tr><td>{@code [i for i in range(100)]}</td><td>{@link #listComprehension}: a stream {@code map} collected with {@code Collectors.toList()}</td></tr>
 * </table>
 *
 * <p>The lecture's printout timed the two loops twice and the comprehensions never; here each
 * of the eight is its own benchmark. Every method returns what it built, so the JIT cannot drop it.
 *
 * <p>Run: {@code java -jar profiling/target/benchmarks.jar CollectionBuild}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectionBuildBenchmark {

    static final int N = 100;

    @Benchmark
    public Set<Integer> setOfRange() {
        return IntStream.range(0, N).boxed().collect(Collectors.toCollection(HashSet::new));
    }

    @Benchmark
    public List<Integer> listOfRange() {
        return IntStream.range(0, N).boxed().toList();
    }

    @Benchmark
    public int[] arrayOfRange() {
        return IntStream.range(0, N).toArray();
    }

    @Benchmark
    public String stringOfRange() {
        return IntStream.range(0, N).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    @Benchmark
    public Set<Integer> setAddLoop() {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < N; i++) {
            s.add(i);
        }
        return s;
    }

    @Benchmark
    public List<Integer> listAddLoop() {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            l.add(i);
        }
        return l;
    }

    @Benchmark
    public Set<Integer> setComprehension() {
        return IntStream.range(0, N).mapToObj(i -> i).collect(Collectors.toSet());
    }

    @Benchmark
    public List<Integer> listComprehension() {
        return IntStream.range(0, N).mapToObj(i -> i).collect(Collectors.toList());
    }
}
