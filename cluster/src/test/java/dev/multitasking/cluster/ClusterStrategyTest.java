package dev.multitasking.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.core.Span;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.measure.RunResult;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.testkit.StrategyContract;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strategy contract on a 2-member cluster that the whole class shares: each test's
 * {@code start} joins it with a client (the {@code --join} path), so the class forms one
 * cluster, not one per test. One more test forms a cluster through {@code start} itself.
 */
class ClusterStrategyTest extends StrategyContract {

    private static LocalCluster shared;

    @BeforeAll
    static void formCluster() throws Exception {
        shared = LocalCluster.start(2, Duration.ofSeconds(90));
    }

    @AfterAll
    static void closeCluster() {
        if (shared != null) {
            shared.close();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Override
    protected String strategyName() {
        return "cluster";
    }

    /** The contract runs on the shared cluster, joined. */
    @Override
    protected Strategy.Options options() {
        return Strategy.Options.of(ClusterStrategy.JOIN, String.join(",", shared.addresses().stream().map(HostPort::toString).toList()))
                .with(ClusterStrategy.CLUSTER_NAME, shared.clusterName());
    }

    @Test
    void check_refusesAJoinThatIsNotHostPort() {
        assertThatThrownBy(() -> new ClusterStrategy().check(Strategy.Options.of(ClusterStrategy.JOIN, "nowhere")))
                .isInstanceOf(IllegalArgumentException.class);
        new ClusterStrategy().check(options());
        assertThat(new ClusterStrategy().bytesPerWorker(options())).isZero();
        assertThat(new ClusterStrategy().bytesPerWorker(Strategy.Options.NONE)).isPositive();
    }

    @Override
    protected int workers() {
        return 2;
    }

    /** 200 requests at 50 ms on 2 members, one at a time each, would take 5 s: the same check on 40. */
    @Override
    protected String scaled(String spec) {
        return spec.startsWith("io:") ? "io:40:50ms" : spec;
    }

    @Test
    void withoutJoin_startFormsItsOwnCluster_reportsItsFormation_andLeavesNothingBehind() throws Exception {
        runWithOwnCluster(Workload.parse("seed"));
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !shared.pids().contains(p.pid())).toList();
        assertThat(left).isEmpty();
    }

    private static <T> void runWithOwnCluster(Workload<T> workload) throws Exception {
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            RunResult<T> run = Trial.once(new ClusterStrategy(), Strategy.Options.NONE, prepared, 1);
            assertThat(run.stats().startupNanos()).isGreaterThan(Duration.ofMillis(100).toNanos());
            assertThat(run.batch().spans()).extracting(Span::pid).doesNotContain(ProcessHandle.current().pid())
                    .doesNotContainAnyElementsOf(shared.pids());
        }
    }
}
