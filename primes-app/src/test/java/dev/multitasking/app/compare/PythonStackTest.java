package dev.multitasking.app.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The anchors' Python stack ({@code python_stack.py}) as the anchors run it, small: where its
 * packages are installed each measurement answers with figures that add up; where they are not,
 * the run fails in one line that names the package. No Python at all: skipped.
 */
@Timeout(120)
class PythonStackTest {

    private static PythonProgram stack;
    private static boolean packages;

    @BeforeAll
    static void find() throws Exception {
        Optional<PythonProgram> found = PythonProgram.findStack();
        assumeTrue(found.isPresent(), "no python3 here");
        stack = found.get();
        packages = PythonProgram.STACK_PACKAGES.stream().allMatch(PythonStackTest::imports);
    }

    private static boolean imports(String pkg) {
        try {
            return dev.multitasking.processes.ChildProcess.program(stack.interpreter().toString(), "-c", "import " + pkg).run().exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * 2,000 trips on each pool, as many as a line of their times would run past the line a child
     * may write (the anchors' 10,000 did, and every Python round trip failed): the script says
     * their median and 99th percentile.
     */
    @Test
    void roundTrips_onEachPool_comeBackAsPercentiles() throws Exception {
        for (String pool : new String[] {"apply", "futures", "loky", "pebble"}) {
            if (!packages && (pool.equals("loky") || pool.equals("pebble"))) {
                assertThatThrownBy(() -> stack.call("roundtrip", pool, "5", "0", "1")).isInstanceOf(IOException.class)
                        .hasMessageContaining("is not installed");
                continue;
            }
            JsonNode out = stack.call("roundtrip", pool, "2000", "1", "1");
            assertThat(out.get("trips").asInt()).as(pool).isEqualTo(2000);
            double median = out.get("median_micros").asDouble();
            assertThat(median).as(pool).isPositive();
            assertThat(out.get("p99_micros").asDouble()).as(pool).isGreaterThanOrEqualTo(median);
        }
    }

    @Test
    void unknownPool_failsInOneLine() {
        assertThatThrownBy(() -> stack.call("roundtrip", "nonesuch", "5", "0", "1")).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown pool nonesuch");
    }

    @Test
    void ioClients_sendEveryRequestOnce_andCheckEachAnswer() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/request/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().substring("/request/".length()).getBytes(StandardCharsets.UTF_8);
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            JsonNode threads = stack.call("io", "threads", url, "50", "0", "2");
            assertThat(threads.get("seconds")).hasSize(2);
            assertThat(answered.get()).isEqualTo(100);
            if (packages) {
                JsonNode aiohttp = stack.call("io", "aiohttp", url, "50", "1", "1");
                assertThat(aiohttp.get("seconds")).hasSize(1);
                assertThat(answered.get()).isEqualTo(200);
            } else {
                assertThatThrownBy(() -> stack.call("io", "aiohttp", url, "5", "0", "1")).isInstanceOf(IOException.class)
                        .hasMessageContaining("is not installed");
            }
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).close();
        }
    }
}
