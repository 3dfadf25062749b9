package dev.multitasking.core.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.Batch;
import dev.multitasking.core.SequentialStrategy;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RoundsTest {

    /** One task that returns 1; the oracle wants 1, or says no when lying. */
    private record One(boolean oracleSaysNo) implements PreparedWorkload<Integer> {
        @Override
        public List<Task<Integer>> tasks() {
            return List.of(() -> 1);
        }

        @Override
        public Verdict verify(List<Integer> results) {
            return !oracleSaysNo && results.equals(List.of(1)) ? Verdict.right("one") : Verdict.wrong("no, never");
        }

        @Override
        public void close() {
        }
    }

    /**
     * Workers that take the given times for their first batches (a strategy still warming up),
     * then the last of them for every later batch, and write their name into a shared log.
     */
    private static final class Scripted implements Workers {
        final String name;
        final long[] millis;
        final List<String> log;
        final AtomicInteger batches = new AtomicInteger();
        final Workers inner = new SequentialStrategy().start(1);

        Scripted(String name, List<String> log, long... millis) {
            this.name = name;
            this.log = log;
            this.millis = millis;
        }

        @Override
        public <T> Batch<T> invokeAll(List<? extends Task<T>> tasks) throws InterruptedException, ExecutionException {
            int i = batches.getAndIncrement();
            log.add(name);
            Thread.sleep(millis[Math.min(i, millis.length - 1)]);
            return inner.invokeAll(tasks);
        }

        @Override
        public void close() {
        }
    }

    private static Trial<Integer> trial(Scripted w, boolean lying) throws Exception {
        return Trial.start(w.name, 1, n -> w, new One(lying));
    }

    @Test
    void warmUp_ofAStrategySlowForItsFirstRuns_goesOnUntilItsTimesStopFalling() throws Exception {
        // 200, 100, 50, 25 ms, then 2 ms: each of the first five is far faster than all before it.
        Scripted slowFirst = new Scripted("slow-first", Collections.synchronizedList(new ArrayList<>()), 200, 100, 50, 25, 2);
        Trial.Runs<Integer> runs;
        try (Trial<Integer> t = trial(slowFirst, false)) {
            runs = t.runs(new Rounds.Warmup(1, Duration.ofSeconds(30)), 3, () -> { });
        }
        assertThat(runs.warmupRuns()).as("the five falling runs and one to see they stopped").isGreaterThanOrEqualTo(6);
        assertThat(slowFirst.batches).hasValue(runs.warmupRuns() + 3);
        assertThat(runs.steady()).isTrue();
    }

    @Test
    void warmUp_thatNeverSettles_stopsAtItsCap_andSaysItWasNotSteady() throws Exception {
        // Each run 20% faster than the one before, for longer than the cap lets it go on.
        Scripted falling = new Scripted("falling", Collections.synchronizedList(new ArrayList<>()), 160, 128, 102, 82, 66, 52, 42, 34, 27);
        Trial.Runs<Integer> runs;
        try (Trial<Integer> t = trial(falling, false)) {
            runs = t.runs(new Rounds.Warmup(0, Duration.ofMillis(250)), 1, () -> { });
        }
        assertThat(runs.steady()).isFalse();
        assertThat(runs.warmupRuns()).isBetween(1, 8);
    }

    @Test
    void warmUp_withNoCap_runsExactlyTheMinimum() throws Exception {
        Scripted w = new Scripted("w", Collections.synchronizedList(new ArrayList<>()), 1);
        try (Trial<Integer> t = trial(w, false)) {
            Trial.Runs<Integer> runs = t.runs(Rounds.Warmup.exactly(3), 2, () -> { });
            assertThat(runs.warmupRuns()).isEqualTo(3);
        }
        assertThat(w.batches).hasValue(5);
    }

    @Test
    void rounds_runEveryTrialOncePerRound_inTheSameOrder_warmUpAndTimedAlike() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Scripted a = new Scripted("A", log, 1);
        Scripted b = new Scripted("B", log, 1);
        Scripted c = new Scripted("C", log, 1);
        Rounds.Result result;
        try (Trial<Integer> ta = trial(a, false); Trial<Integer> tb = trial(b, false); Trial<Integer> tc = trial(c, false)) {
            result = Rounds.run(List.of(ta, tb, tc), Rounds.Warmup.exactly(2), 3, () -> { });
        }
        assertThat(log).containsExactly("A", "B", "C", "A", "B", "C", "A", "B", "C", "A", "B", "C", "A", "B", "C");
        assertThat(result.interrupted()).isFalse();
        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.failure()).isNull();
            assertThat(o.warmupRuns()).isEqualTo(2);
            assertThat(o.runs().timed()).hasSize(3);
        });
        assertThat(result.window().wallNanos()).isPositive();
        assertThat(result.window().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void timed_atLeastSomeRounds_andMoreUntilTheyLastedTheirTime_atMostTheirMost() throws Exception {
        Scripted w = new Scripted("w", Collections.synchronizedList(new ArrayList<>()), 2);
        try (Trial<Integer> t = trial(w, false)) {
            Rounds.Result r = Rounds.run(List.of(t), Rounds.Warmup.exactly(0), new Rounds.Timed(2, Duration.ofMillis(100), 20), () -> { });
            assertThat(r.outcomes().get(0).runs().timed().size()).as("2 ms runs for 100 ms: more than 2, at most 20").isBetween(3, 20);
            Rounds.Result capped = Rounds.run(List.of(t), Rounds.Warmup.exactly(0), new Rounds.Timed(1, Duration.ofSeconds(30), 4), () -> { });
            assertThat(capped.outcomes().get(0).runs().timed()).hasSize(4);
        }
    }

    @Test
    void rounds_aTrialThatFails_leavesWithItsFailure_andTheOthersGoOn() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Scripted good = new Scripted("good", log, 1);
        Scripted wrong = new Scripted("wrong", log, 1);
        Rounds.Result result;
        try (Trial<Integer> tg = trial(good, false); Trial<Integer> tw = trial(wrong, true)) {
            result = Rounds.run(List.of(tg, tw), Rounds.Warmup.exactly(1), 3, () -> { });
        }
        assertThat(result.outcomes().get(1).failure()).isInstanceOf(WrongAnswerException.class).hasMessage("no, never");
        assertThat(result.outcomes().get(1).runs()).isNull();
        assertThat(result.outcomes().get(0).runs().timed()).hasSize(3);
        assertThat(wrong.batches).as("not run again after its wrong answer").hasValue(1);
    }

    @Test
    void rounds_interrupted_returnWhatWasMeasured_andSaySo() throws Exception {
        Scripted w = new Scripted("w", Collections.synchronizedList(new ArrayList<>()), 1);
        try (Trial<Integer> t = trial(w, false)) {
            Thread.currentThread().interrupt();
            Rounds.Result result = Rounds.run(List.of(t), Rounds.Warmup.exactly(1), 1, () -> { });
            assertThat(result.interrupted()).isTrue();
            assertThat(result.outcomes().get(0).runs()).isNull();
        }
        assertThat(w.batches).hasValue(0);
    }

    private static RunStats run(long wallMillis, long jitMicros) {
        return new RunStats("s", 1, 0, wallMillis * 1_000_000, wallMillis * 1_000_000, jitMicros * 1_000, 0);
    }

    @Test
    void steady_needsAnEarlierRun_noFall_andNextToNoCompiling_onTwoCores() {
        assertThat(Rounds.steady(List.of(run(10, 0)), 2)).as("a first run has nothing to compare with").isFalse();
        assertThat(Rounds.steady(List.of(run(10, 0), run(10, 0)), 2)).isTrue();
        assertThat(Rounds.steady(List.of(run(10, 0), run(9, 0)), 2)).as("9 is more than 5% below 10: still falling").isFalse();
        assertThat(Rounds.steady(List.of(run(10, 0), run(12, 0)), 2)).as("slower is not falling").isTrue();
        assertThat(Rounds.steady(List.of(run(100, 0), run(100, 12_000)), 2)).as("the JIT took 6% of 2 cores' time").isFalse();
        assertThat(Rounds.steady(List.of(run(100, 0), run(100, 12_000)), 16)).as("on 16 cores, 0.75%").isTrue();
        assertThat(Rounds.steady(List.of(run(100, 0), run(100, 4_000)), 2)).as("2% is the trickle of a long-lived JVM").isTrue();
        assertThat(Rounds.steady(List.of(run(5, 0), run(5, 400)), 2)).as("0.4 ms is below one compile's worth").isTrue();
        assertThat(Rounds.steady(List.of(run(10, 0), run(11, 0), run(10, 0), run(10, 0), run(11, 0), run(9, 0)), 2))
                .as("a new fastest run in noise: the medians of 3 and 3 have not fallen").isTrue();
        assertThat(Rounds.steady(List.of(run(21, 0), run(21, 0), run(14, 0), run(14, 0), run(14, 0), run(21, 0)), 2))
                .as("two modes (two CPUs of unequal speed): the recent median is lower, but not every recent run is faster").isTrue();
        assertThat(Rounds.steady(List.of(run(20, 0), run(18, 0), run(16, 0), run(14, 0), run(12, 0), run(10, 0)), 2))
                .as("the medians of 3 and 3 fall by a third, every recent run faster").isFalse();
        assertThat(Rounds.steady(List.of(run(10, 0), run(10, 0), run(10, 0), run(10, 600), run(10, 600), run(10, 600)), 2))
                .as("0.6 ms a run is below 5% of 20 ms of machine").isTrue();
    }
}
