package dev.multitasking.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.RunResult;
import dev.multitasking.core.Span;
import dev.multitasking.core.StrategyContract;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
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
        System.setProperty(ClusterStrategy.JOIN_PROPERTY, String.join(",", shared.addresses().stream().map(HostPort::toString).toList()));
        System.setProperty(ClusterStrategy.NAME_PROPERTY, shared.clusterName());
    }

    @AfterAll
    static void closeCluster() {
        System.clearProperty(ClusterStrategy.JOIN_PROPERTY);
        System.clearProperty(ClusterStrategy.NAME_PROPERTY);
        if (shared != null) {
            shared.close();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Override
    protected String strategyName() {
        return "cluster";
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
        String join = System.clearProperty(ClusterStrategy.JOIN_PROPERTY);
        try {
            runWithOwnCluster(Workload.parse("seed"));
        } finally {
            System.setProperty(ClusterStrategy.JOIN_PROPERTY, join);
        }
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !shared.pids().contains(p.pid())).toList();
        assertThat(left).isEmpty();
    }

    private static <T> void runWithOwnCluster(Workload<T> workload) throws Exception {
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            RunResult<T> run = new ClusterStrategy().measure(prepared.tasks(), 1);
            assertThat(prepared.verify(run.batch().results()).ok()).isTrue();
            assertThat(run.stats().startupNanos()).isGreaterThan(Duration.ofMillis(100).toNanos());
            assertThat(run.batch().spans()).extracting(Span::pid).doesNotContain(ProcessHandle.current().pid())
                    .doesNotContainAnyElementsOf(shared.pids());
        }
    }
}
