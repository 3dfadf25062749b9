package dev.multitasking.threads.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.primes.Primes;
import dev.multitasking.testkit.NoLeakedThreads;
import dev.multitasking.threads.pool.FixedThreadPool;
import dev.multitasking.threads.pool.WorkStealingThreadPool;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class PoolsTest {

    @Test
    void byHandAndByLibrary_sameAnswers_eachOnItsOwnThreads() throws Exception {
        var o = Pools_01_ByHandAndByLibrary.run(2);
        assertThat(o.byHand().keySet()).isEqualTo(o.byLibrary().keySet()).hasSize(5);
        o.byHand().forEach((n, r) -> {
            assertThat(r).startsWith(Primes.isPrime(n) + " on hand-worker-");
            assertThat(o.byLibrary().get(n)).startsWith(Primes.isPrime(n) + " on pool-");
        });
    }

    @Test
    void reuse_aPoolBeatsANewThreadPerTask() throws Exception {
        var r = Pools_01_ByHandAndByLibrary.reuse(2_000);
        // The lecture's reason for pools, as a direction: starting a thread per task costs more.
        assertThat(r.pooledMillis()).isLessThan(r.newThreadEachMillis());
    }

    @Test
    void spawningTree_stealingKeepsFewTasksWaiting_theSingleQueueHoldsNearlyAllLeaves() throws Exception {
        long n = 400_000;
        try (var fixed = new FixedThreadPool("fixed", 2); var stealing = new WorkStealingThreadPool("stealing", 2)) {
            var f = Pools_02_StealingVsOneQueue.spread(fixed, n);
            var s = Pools_02_StealingVsOneQueue.spread(stealing, n);
            long primes = Primes.primePi(n - 1);
            assertThat(f.primes()).isEqualTo(primes);
            assertThat(s.primes()).isEqualTo(primes);
            // Breadth-first: about one waiting task per leaf (20,000 leaves); depth-first: tens.
            assertThat(f.peakWaiting()).isGreaterThan(5_000);
            assertThat(s.peakWaiting()).isLessThan(f.peakWaiting() / 50);
        }
    }

    @Test
    void tasksWaitingForTheirHalves_fixedPoolIsStuck_stealingPoolFinishes() throws Exception {
        long n = 400_000;
        try (var fixed = new FixedThreadPool("fixed", 2)) {
            assertThat(Pools_02_StealingVsOneQueue.waitForHalves(fixed, n, Duration.ofSeconds(2))).isEqualTo(-1);
            fixed.shutdownNow();
        }
        try (var stealing = new WorkStealingThreadPool("stealing", 2)) {
            assertThat(Pools_02_StealingVsOneQueue.waitForHalves(stealing, n, Duration.ofSeconds(60))).isEqualTo(Primes.primePi(n - 1));
        }
    }
}
