package dev.multitasking.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "seed, seed",
        "SEED, seed",
        "count:1000000, count:1000000:64",
        "count:1e6:8, count:1000000:8",
        "count:10:10, count:10:10",
        "count:5, count:5:5",
        "sieve:10^9, sieve:1000000000:64",
        "sieve:1_000:3, sieve:1000:3",
        "sieve:10^12:1000, sieve:1000000000000:1000",
        "io:100, io:100:50ms",
        "io:8:0.2s, io:8:200ms",
        "io:1:0, io:1:0ms",
    })
    void parse_goodText_givesCanonicalSpec(String text, String spec) {
        assertThat(Workload.parse(text).spec()).isEqualTo(spec);
        assertThat(Workload.parse(spec).spec()).isEqualTo(spec);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "count:-5           | N must be from 1 to 1000000000, got -5",
        "count:abc          | 'abc' is not a whole number",
        "count:10:0         | chunks must be from 1 to 10, got 0",
        "count:10:11        | chunks must be from 1 to 10, got 11",
        "count:1000000001   | N must be from 1 to 1000000000",
        "count:1e10         | N must be from 1 to 1000000000",
        "count              | count takes 1 to 2 value(s) after it",
        "count:1:2:3        | count takes 1 to 2 value(s) after it",
        "sieve:1e13         | N must be from 1 to 1000000000000",
        "sieve:100:0        | segments must be from 1 to 100, got 0",
        "io:0               | N must be from 1 to 100000, got 0",
        "io:5:-1ms          | negative duration",
        "io:5:61s           | latency must be at most 60s",
        "seed:3             | seed takes 0 value(s) after it",
        "primes:10          | unknown kind 'primes'",
        "''                 | unknown kind ''",
        "count:99999999999999999999 | beyond the largest long",
    })
    void parse_badText_saysWhatIsWrongAndWhatIsAllowed(String text, String problem) {
        assertThatThrownBy(() -> Workload.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad workload '" + text + "'")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("use " + Workload.FORMS);
    }

    @Test
    void count_chunks_coverZeroToNWithoutGapOrOverlap() {
        try (PreparedWorkload<Long> prepared = new CountWorkload(1000, 7).prepare()) {
            long expectedFrom = 0;
            for (var task : prepared.tasks()) {
                var chunk = (dev.multitasking.core.primes.CountPrimes) task;
                assertThat(chunk.from()).isEqualTo(expectedFrom);
                assertThat(chunk.to() - chunk.from()).isBetween(143L, 143L);
                expectedFrom = chunk.to();
            }
            assertThat(expectedFrom).isEqualTo(1001);
        }
    }

    @Test
    void count_wrongChunk_isNamedByTheOracle() {
        try (PreparedWorkload<Long> prepared = new CountWorkload(100, 4).prepare()) {
            var results = new java.util.ArrayList<Long>();
            for (var task : prepared.tasks()) {
                results.add(rethrowing(task));
            }
            assertThat(prepared.verify(results)).isEqualTo(Verdict.right("pi(100) = 25"));
            results.set(2, results.get(2) + 1);
            Verdict verdict = prepared.verify(results);
            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.detail()).startsWith("task 2 (CountPrimes[from=51, to=76])");
        }
    }

    @Test
    void sieve_wrongTotal_isCaught() {
        try (PreparedWorkload<Long> prepared = new SieveWorkload(1000, 3).prepare()) {
            var results = new java.util.ArrayList<Long>();
            for (var task : prepared.tasks()) {
                results.add(rethrowing(task));
            }
            assertThat(prepared.verify(results).ok()).isTrue();
            results.set(0, results.get(0) - 1);
            assertThat(prepared.verify(results).detail()).contains("167").contains("168");
        }
    }

    @Test
    void seed_lastNumberCalledPrime_isCaught() {
        try (PreparedWorkload<Boolean> prepared = new SeedWorkload().prepare()) {
            Verdict verdict = prepared.verify(java.util.List.of(true, true, true, true, true, true));
            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.detail()).startsWith("task 5 (IsPrime[n=1099726899285419])");
        }
    }

    @Test
    void io_latency_isCarriedIntoSpec() {
        assertThat(new IoWorkload(3, Duration.ofMillis(7)).spec()).isEqualTo("io:3:7ms");
    }

    private static <T> T rethrowing(java.util.concurrent.Callable<T> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
