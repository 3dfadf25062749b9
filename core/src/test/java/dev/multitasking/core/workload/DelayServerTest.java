package dev.multitasking.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DelayServerTest {

    @Test
    void aRequestThatIsNoGet_orWhoseHeadIsTooLong_isAnsweredBadRequest() throws Exception {
        try (DelayServer server = DelayServer.start(Duration.ZERO)) {
            assertThat(exchange(server, "POST /request/1 HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server, "GET /request/1 HTTP/1.1\r\nX: " + "y".repeat(DelayServer.MAX_HEAD) + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server, "GET /request/7 HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: 1\r\n", "Connection: close\r\n").endsWith("\r\n\r\n7");
            assertThat(server.answered()).isEqualTo(1);
        }
    }

    @Test
    void close_endsAtOnce_withAConnectionThatNeverSendsItsRequest_andOneWaitingForItsAnswer() throws Exception {
        DelayServer server = DelayServer.start(Duration.ofSeconds(30));
        URI uri = URI.create(server.uri());
        try (Socket silent = new Socket(uri.getHost(), uri.getPort()); Socket waiting = new Socket(uri.getHost(), uri.getPort())) {
            waiting.getOutputStream().write("GET /request/1 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(silent.isConnected()).isTrue();
            Thread.sleep(200);   // both connections accepted and served by now, or soon: close must not wait on either
            long begin = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
            assertThat(new String(waiting.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).satisfiesAnyOf(
                    answer -> assertThat(answer).isEmpty(), answer -> assertThat(answer).startsWith("HTTP/1.1 503 "));
        }
        assertThat(server.answered()).isZero();
    }

    @Test
    void requestTarget_readsThePathOfAGet_acrossReadsThatSplitTheHead() throws IOException {
        byte[] head = "GET /answered HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        InputStream byteAtATime = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(head);

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(1, len));
            }
        };
        assertThat(DelayServer.requestTarget(byteAtATime)).isEqualTo("/answered");
        assertThat(DelayServer.requestTarget(new ByteArrayInputStream("GET /x HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1))))
                .as("the head ends before its blank line").isNull();
    }

    private static String exchange(DelayServer server, String request) throws IOException {
        URI uri = URI.create(server.uri());
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
