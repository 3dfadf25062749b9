package dev.multitasking.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.core.Task;
import dev.multitasking.testkit.NoLeakedThreads;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(60)
@ExtendWith(NoLeakedThreads.class)
class IoWorkloadTest {

    @Test
    void prepared_tasksAreRealRequestsToLoopback_eachGettingItsOwnAnswer() throws Exception {
        try (PreparedWorkload<String> io = new IoWorkload(5, Duration.ofMillis(10)).prepare()) {
            List<String> results = new ArrayList<>();
            for (Task<String> task : io.tasks()) {
                Fetch fetch = (Fetch) task;
                assertThat(fetch.uri().getHost()).isEqualTo("127.0.0.1");
                results.add(task.call());
            }
            assertThat(results).containsExactly("0", "1", "2", "3", "4");
            assertThat(io.verify(results).ok()).isTrue();
        }
    }

    @Test
    void server_answersConcurrentRequestsAtOnce_notOneAfterAnother() throws Exception {
        int requests = 16;
        Duration latency = Duration.ofMillis(300);
        try (PreparedWorkload<String> io = new IoWorkload(requests, latency).prepare();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<Future<String>> answers = new ArrayList<>();
            for (Task<String> task : io.tasks()) {
                answers.add(clients.submit(task));
            }
            for (Future<String> f : answers) {
                f.get();
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            // One after another would take 16 x 300 ms = 4.8 s.
            assertThat(elapsedMillis).isLessThan(requests * latency.toMillis() / 3);
        }
    }

    @Test
    void close_stopsTheServer() throws Exception {
        Task<String> first;
        try (PreparedWorkload<String> io = new IoWorkload(1, Duration.ZERO).prepare()) {
            first = io.tasks().get(0);
            assertThat(first.call()).isEqualTo("0");
        }
        assertThatThrownBy(first::call).isInstanceOf(IOException.class);
    }

    @Test
    void verify_answerMissingOrWrong_namesTheTask() {
        try (PreparedWorkload<String> io = new IoWorkload(3, Duration.ZERO).prepare()) {
            assertThat(io.verify(List.of("0", "2", "1")).detail()).startsWith("task 1 (Fetch[uri=");
            assertThat(io.verify(List.of("0", "1")).ok()).isFalse();
            // Right values that the server never sent: it counted no answers.
            assertThat(io.verify(List.of("0", "1", "2")).detail()).isEqualTo("the server answered 0 of 3 requests");
        }
    }

    @Test
    void fetch_non200_isAnIOException() throws Exception {
        try (PreparedWorkload<String> io = new IoWorkload(1, Duration.ZERO).prepare()) {
            URI base = ((Fetch) io.tasks().get(0)).uri().resolve("/elsewhere");
            assertThatThrownBy(() -> new Fetch(base, Duration.ofSeconds(5)).call())
                    .isInstanceOf(IOException.class).hasMessageContaining("answered 404");
        }
    }

    @Test
    void prepare_againstAServerInAnotherJvm_sendsTheRequestsThere_andCountsItsAnswers() throws Exception {
        // The server of IoServer's JVM, here in this one: the workload must not start its own.
        try (DelayServer server = DelayServer.start(Duration.ofMillis(5))) {
            try (PreparedWorkload<String> io = new IoWorkload(3, Duration.ofMillis(5)).against(server.uri() + "/").prepare()) {
                List<String> results = new ArrayList<>();
                for (Task<String> task : io.tasks()) {
                    assertThat(((Fetch) task).uri().toString()).startsWith(server.uri() + DelayServer.PATH);
                    results.add(task.call());
                }
                assertThat(io.verify(results).ok()).as(io.verify(results).detail()).isTrue();
                assertThat(io.verify(results).detail()).contains("server in another JVM");
                assertThat(server.answered()).isEqualTo(3);
            }
            assertThatThrownBy(() -> new IoWorkload(3, Duration.ofMillis(50)).against(server.uri()).prepare())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("answers after 5 ms, but the workload asks for 50 ms");
        }
    }

    @Test
    void prepare_againstNoServer_saysSo() {
        assertThatThrownBy(() -> new IoWorkload(3, Duration.ofMillis(5)).against("http://127.0.0.1:1").prepare())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no io server answers at http://127.0.0.1:1");
    }
}
