package dev.multitasking.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Span;
import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import dev.multitasking.core.measure.RunResult;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Strategy} must do, whatever runs its tasks. A module tests its strategy by
 * extending this class (it ships in the test kit) and naming the strategy.
 */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
public abstract class StrategyContract {

    /** The strategy under test, by its name, as {@link Strategies#discover()} finds it. */
    protected abstract String strategyName();

    /** Workers to start; 4 by default: more than the cores of a small machine, so sharing shows. */
    protected int workers() {
        return 4;
    }

    /** The options the strategy is started with; none by default. */
    protected Strategy.Options options() {
        return Strategy.Options.NONE;
    }

    /** The workload a test runs for {@code spec}; a strategy too slow for one may scale it down, saying why. */
    protected String scaled(String spec) {
        return spec;
    }

    private Strategy strategy() {
        return Strategies.discover().named(strategyName());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seed", "count:200000:64", "sieve:10000000", "io:200:50ms"})
    void measure_everyWorkload_isVerifiedByItsOracle(String spec) throws Exception {
        verify(Workload.parse(scaled(spec)));
    }

    private <T> void verify(Workload<T> workload) throws Exception {
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            // Trial checks the results against the oracle: a wrong answer throws.
            RunResult<T> run = Trial.once(strategy(), options(), prepared, workers());
            assertThat(run.verdict().ok()).isTrue();
            assertThat(run.stats().strategy()).isEqualTo(strategyName());
            assertThat(run.stats().wallNanos()).isPositive();
        }
    }

    @Test
    void invokeAll_spans_oneForEachTaskInTaskOrder() throws Exception {
        List<Task<Integer>> tasks = IntStream.range(0, 40).<Task<Integer>>mapToObj(Square::new).toList();
        long before = Span.nowMicros();
        Batch<Integer> batch;
        try (Workers w = strategy().start(workers(), options())) {
            batch = w.invokeAll(tasks);
        }
        long after = Span.nowMicros();
        assertThat(batch.results()).containsExactlyElementsOf(IntStream.range(0, 40).map(i -> i * i).boxed().toList());
        assertThat(batch.spans()).extracting(Span::task).containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
        assertThat(batch.spans()).allSatisfy(s -> {
            assertThat(s.startMicros()).isBetween(before, after);
            assertThat(s.endMicros()).isBetween(s.startMicros(), after);
            assertThat(s.worker()).isNotBlank();
        });
    }

    @Test
    void invokeAll_aTaskThrows_failsNamingTheTaskWithItsException() throws Exception {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(i == 6 ? new Fails("boom") : new Square(i));
        }
        try (Workers w = strategy().start(workers(), options())) {
            assertThatThrownBy(() -> w.invokeAll(tasks))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("task 6 (Fails[message=boom])")
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
            // The workers survive a failed batch.
            assertThat(w.invokeAll(List.of(new Square(3))).results()).containsExactly(9);
        }
    }

    @Test
    void invokeAll_noTasks_returnsAnEmptyBatch() throws Exception {
        try (Workers w = strategy().start(workers(), options())) {
            assertThat(w.invokeAll(List.<Task<Integer>>of()).results()).isEmpty();
        }
    }

    @Test
    void strategy_describesItself() {
        Strategy s = strategy();
        assertThat(s.name()).matches("[a-z][a-z0-9-]*");
        assertThat(s.description()).isNotBlank();
    }

    /** n squared. */
    public record Square(int n) implements Task<Integer> {
        @Override
        public Integer call() {
            return n * n;
        }
    }

    /** Always throws {@link IllegalStateException} with the message. */
    public record Fails(String message) implements Task<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(message);
        }
    }
}
