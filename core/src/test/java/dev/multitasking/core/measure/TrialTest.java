package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.core.Batch;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Verdict;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrialTest {

    /** Squares 0..n-1; the oracle checks each square, or says no to everything when lying. */
    private record Squares(int n, boolean oracleSaysNo) implements PreparedWorkload<Integer> {
        @Override
        public List<Task<Integer>> tasks() {
            return IntStream.range(0, n).<Task<Integer>>mapToObj(i -> () -> i * i).toList();
        }

        @Override
        public Verdict verify(List<Integer> results) {
            if (oracleSaysNo) {
                return Verdict.wrong("no, never");
            }
            for (int i = 0; i < n; i++) {
                if (results.get(i) != i * i) {
                    return Verdict.wrong("task " + i);
                }
            }
            return Verdict.right(n + " squares");
        }

        @Override
        public void close() {
        }
    }

    /** Sequential workers that count their batches and their closing. */
    private static final class Counting implements Workers {
        final Workers inner = new SequentialStrategy().start(1);
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
            batches.incrementAndGet();
            return inner.invokeAll(tasks);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void runs_startOnce_warmUpAtLeastTheMinimum_thenTimeEachRun_fastestFirst_andSayAfterEach() throws Exception {
        Counting w = new Counting();
        AtomicInteger told = new AtomicInteger();
        AtomicInteger starts = new AtomicInteger();
        Trial.Runs<Integer> runs;
        try (Trial<Integer> trial = Trial.start("counting", 3, n -> {
            starts.incrementAndGet();
            return w;
        }, new Squares(50, false))) {
            runs = trial.runs(Rounds.Warmup.atLeast(2), 3, told::incrementAndGet);
            assertThat(trial.startupNanos()).isPositive().isEqualTo(runs.startupNanos());
        }
        assertThat(starts).hasValue(1);
        assertThat(runs.warmupRuns()).isGreaterThanOrEqualTo(2);
        assertThat(w.batches).hasValue(runs.warmupRuns() + 3);
        assertThat(told).hasValue(w.batches.get());
        assertThat(w.closed).hasValue(1);
        assertThat(runs.timed()).hasSize(3);
        assertThat(runs.stats()).extracting(RunStats::wallNanos).isSorted();
        assertThat(runs.median()).isSameAs(runs.timed().get(1));
        assertThat(runs.fastest()).isSameAs(runs.timed().get(0));
        assertThat(runs.stats()).allSatisfy(s -> {
            assertThat(s.strategy()).isEqualTo("counting");
            assertThat(s.workers()).isEqualTo(3);
        });
        assertThat(runs.median().verdict().detail()).isEqualTo("50 squares");
        assertThat(runs.wallMillis().count()).isEqualTo(3);
    }

    @Test
    void run_thatTheOracleRejects_throwsWithItsVerdict() throws Exception {
        try (Trial<Integer> trial = Trial.start(new SequentialStrategy(), Strategy.Options.NONE, new Squares(3, true), 1)) {
            assertThatThrownBy(trial::run).isInstanceOf(WrongAnswerException.class).hasMessage("no, never");
        }
    }

    @Test
    void run_afterAnInterrupt_throwsWithoutRunning() throws Exception {
        Counting w = new Counting();
        try (Trial<Integer> trial = Trial.start("counting", 1, n -> w, new Squares(3, false))) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(trial::run).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        }
        assertThat(w.batches).hasValue(0);
        assertThat(w.closed).hasValue(1);
    }

    @Test
    void once_ofAStrategyWithoutAWorkerCount_creditsTheWorkersItUsed_andReportsItsStart() throws Exception {
        RunResult<Integer> r = Trial.once(new SequentialStrategy(), Strategy.Options.NONE, new Squares(10, false), 8);
        assertThat(r.stats().workers()).isEqualTo(1);
        assertThat(r.stats().strategy()).isEqualTo(SequentialStrategy.NAME);
        assertThat(r.stats().startupNanos()).isNotNegative();
        assertThat(r.batch().results()).hasSize(10);
    }

    @Test
    void start_withNoWorkers_orRunsWithNoneTimed_isRefused() throws Exception {
        assertThatThrownBy(() -> Trial.start("none", 0, n -> new Counting(), new Squares(1, false)))
                .isInstanceOf(IllegalArgumentException.class);
        try (Trial<Integer> trial = Trial.start("counting", 1, n -> new Counting(), new Squares(1, false))) {
            assertThatThrownBy(() -> trial.runs(1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> trial.runs(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
