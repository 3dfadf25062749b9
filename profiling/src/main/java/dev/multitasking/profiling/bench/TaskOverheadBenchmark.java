package dev.multitasking.profiling.bench;

import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one trivial task costs on each strategy, from submit to result, on started workers: the
 * thread pools, virtual threads, the process pool (a round trip through a worker JVM). The
 * answer is checked on every call, so a strategy cannot skip the work.
 *
 * <p>Run: {@code java -jar profiling/target/benchmarks.jar TaskOverhead}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TaskOverheadBenchmark {

    @Param({"sequential", "fixed", "stealing", "jdk-fixed", "forkjoin", "virtual", "processes"})
    public String strategy;

    private Workers started;
    private int n;

    /** Answers its argument plus one. */
    public record Next(int n) implements Task<Integer> {
        @Override
        public Integer call() {
            return n + 1;
        }
    }

    @Setup
    public void start() throws Exception {
        Strategy s = Strategies.discover().named(strategy);
        started = s.start(s.takesWorkers() ? 2 : 1);
    }

    @Benchmark
    public int roundTrip() throws InterruptedException, ExecutionException {
        int asked = n++;
        int answer = started.invokeAll(List.of(new Next(asked))).results().getFirst();
        if (answer != asked + 1) {
            throw new IllegalStateException(strategy + " answered " + answer + " to " + asked);
        }
        return answer;
    }

    @TearDown
    public void stop() {
        started.close();
    }
}
