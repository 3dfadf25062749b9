package dev.multitasking.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Span;
import dev.multitasking.core.Task;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import dev.multitasking.processes.ChildProcess;
import dev.multitasking.testkit.NoLeakedThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
@ExtendWith(NoLeakedThreads.class)
class LocalClusterTest {

    @Test
    void twoMembers_verifiedResults_spansFromBothMembers_andNoMemberOutlivesClose() throws Exception {
        List<Long> pids;
        try (LocalCluster cluster = LocalCluster.start(2, Duration.ofSeconds(90));
             Connection client = cluster.connect(Duration.ofSeconds(15))) {
            pids = cluster.pids();
            assertThat(client.members()).containsExactlyInAnyOrderElementsOf(cluster.addresses().stream().map(HostPort::toString).toList());
            assertThat(cluster.formation()).isPositive();
            runVerified(client, Workload.parse("seed"));
            Batch<?> count = runVerified(client, Workload.parse("count:1000000:32"));
            assertThat(count.spans()).extracting(Span::pid).allMatch(pids::contains);
            assertThat(count.spans().stream().map(Span::pid).distinct()).hasSize(2);
            assertThat(count.spans()).allSatisfy(s -> assertThat(s.worker()).contains("127.0.0.1:"));

            // What another user of the machine sees: the members' command lines, which hold neither the
            // cluster's name nor an address; the name is random, and a guess at it is refused.
            assertThat(cluster.clusterName()).matches("multitasking-[0-9a-f]{32}");
            for (long pid : pids) {
                String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
                assertThat(commandLine).contains(Member.class.getName()).doesNotContain(cluster.clusterName())
                        .doesNotContain(Integer.toString(cluster.addresses().get(0).port()))
                        .doesNotContain(Integer.toString(cluster.addresses().get(1).port()));
            }
            assertThatThrownBy(() -> Connection.to(Member.DEFAULT_CLUSTER, cluster.addresses(), Duration.ofSeconds(3)).close())
                    .isInstanceOf(IOException.class).hasMessageStartingWith("no Hazelcast cluster 'multitasking' answered");
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    private static <T> Batch<T> runVerified(Connection client, Workload<T> workload) throws Exception {
        try (PreparedWorkload<T> prepared = workload.prepare()) {
            Batch<T> batch = client.invokeAll(prepared.tasks());
            assertThat(prepared.verify(batch.results()).ok()).as(prepared.verify(batch.results()).detail()).isTrue();
            return batch;
        }
    }

    @Test
    void aMemberKilledMidRun_costsTime_notResults(@TempDir Path marks) throws Exception {
        List<Task<Integer>> tasks = IntStream.range(0, 40).<Task<Integer>>mapToObj(i -> new SlowSquare(i, 100, marks.toString())).toList();
        try (LocalCluster cluster = LocalCluster.start(2, Duration.ofSeconds(90));
             Connection client = cluster.connect(Duration.ofSeconds(15))) {
            CompletableFuture<Batch<Integer>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.invokeAll(tasks);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // 40 tasks of 100 ms on 2 members: about 2 s. Kill the second member once it has run a few.
            String second = cluster.pids().get(1) + "-";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
                try (var files = Files.list(marks)) {
                    return files.filter(f -> f.getFileName().toString().startsWith(second)).count() >= 3;
                }
            });
            assertThat(run).isNotDone();
            cluster.kill(1);
            Batch<Integer> batch = run.get();
            assertThat(batch.results()).containsExactlyElementsOf(IntStream.range(0, 40).map(i -> i * i).boxed().toList());
            assertThat(ProcessHandle.of(cluster.pids().get(1)).filter(ProcessHandle::isAlive)).isEmpty();
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void joinAddressesWhereNoClusterIs_failWithOneClearLine_inBoundedTime() {
        long begin = System.nanoTime();
        assertThatThrownBy(() -> Connection.to("nobody", List.of(new HostPort("127.0.0.1", 1)), Duration.ofSeconds(3)))
                .isInstanceOf(IOException.class)
                .hasMessage("no Hazelcast cluster 'nobody' answered at [127.0.0.1:1] within 3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void badAddresses_areRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> ClusterStrategy.parse("127.0.0.1")).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> ClusterStrategy.parse("127.0.0.1:http")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> ClusterStrategy.parse("127.0.0.1:70000")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> ClusterStrategy.parse("a b:5701")).hasMessageContaining("bad host");
        assertThat(ClusterStrategy.parse("127.0.0.1:5701, localhost:5702"))
                .containsExactly(new HostPort("127.0.0.1", 5701), new HostPort("localhost", 5702));
    }

    @Test
    void memberWithBadArguments_saysWhatIsWrongInOneLine_andExits2() throws Exception {
        ChildProcess.Result r = ChildProcess.main(Member.class).args("--address", "127.0.0.1:x").timeout(Duration.ofSeconds(60)).run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderrTail()).containsExactly("member: bad port in '127.0.0.1:x' (expected host:port, e.g. 127.0.0.1:5701)");
    }

    @Test
    void zeroMembers_isRefused() {
        assertThatThrownBy(() -> LocalCluster.start(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 member");
    }
}
