package dev.multitasking.profiling.bench;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
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
 * A whole workload on a strategy, the comparison of {@code primes compare} under JMH: every
 * strategy found on the class path (named in {@code strategy}), workload and worker count. The
 * workers are started once per trial and reused, as a pool is; their start-up is not timed. The
 * set-up starts them through {@link Trial} and checks its first run against the workload's oracle.
 *
 * <p>The full cross product is long; choose with {@code -p}, e.g.
 * {@code java -jar profiling/target/benchmarks.jar Strategy -p strategy=jdk-fixed,forkjoin -p workload=seed}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StrategyBenchmark {

    @Param({"sequential", "threads", "fixed", "stealing", "jdk-fixed", "jdk-cached", "forkjoin", "parallel-stream", "virtual", "processes"})
    public String strategy;

    @Param({"seed", "count:200000:16", "sieve:100000000", "io:64:10ms"})
    public String workload;

    @Param({"1", "2"})
    public int workers;

    private PreparedWorkload<?> prepared;
    private Trial<?> trial;
    private Workers started;

    /** Starts the workers through the project's harness, which also checks one run against the oracle. */
    @Setup
    public void start() throws Exception {
        prepared = Workload.parse(workload).prepare();
        trial = Trial.start(Strategies.discover().named(strategy), Strategy.Options.NONE, prepared, workers);
        trial.run();
        started = trial.workers();
    }

    /** Timed by JMH: a whole batch on the started workers. */
    @Benchmark
    public Batch<?> run() throws InterruptedException, ExecutionException {
        return started.invokeAll(prepared.tasks());
    }

    @TearDown
    public void stop() {
        trial.close();
        prepared.close();
    }
}
