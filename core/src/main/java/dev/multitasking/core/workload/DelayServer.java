package dev.multitasking.core.workload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that answers {@code GET /request/<i>} with
 * {@code <i>} after a fixed latency: the stand-in for a slow remote service.
 *
 * <p>Each exchange runs on its own virtual thread, so a thousand requests waiting at once cost the
 * server a thousand sleeping virtual threads, not a thousand platform threads: the server is never
 * the bottleneck of the client strategies it measures.
 */
final class DelayServer implements AutoCloseable {

    static final String PATH = "/request/";
    /** Answers {@code "<answered> <latency ms>"}: how a client in another JVM checks the count and the latency. */
    static final String COUNT_PATH = "/answered";
    /** Connections waiting to be accepted: enough for a burst of thousands (the kernel may cap it lower). */
    private static final int BACKLOG = 16_384;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Duration latency;
    private final AtomicLong answered = new AtomicLong();

    private DelayServer(HttpServer server, ExecutorService handlers, Duration latency) {
        this.server = server;
        this.handlers = handlers;
        this.latency = latency;
    }

    static DelayServer start(Duration latency) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open an HTTP server on 127.0.0.1", e);
        }
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delay-server-", 0).factory());
        DelayServer server = new DelayServer(http, handlers, latency);
        http.createContext(PATH, server::answer);
        http.createContext(COUNT_PATH, server::count);
        http.setExecutor(handlers);
        http.start();
        return server;
    }

    /** {@code http://127.0.0.1:<port>} */
    String uri() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    long answered() {
        return answered.get();
    }

    private void count(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = (answered.get() + " " + latency.toMillis()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = exchange.getRequestURI().getPath().substring(PATH.length()).getBytes(StandardCharsets.UTF_8);
            // Counted before sending: once the body is out, the client may check the count at once.
            answered.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            // One request per connection: nothing for a client to keep alive (the JDK's blocking
            // client would start a keep-alive timer thread per idle connection pool).
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        // Handlers still asleep would answer a closed server: interrupt them, then wait for them.
        handlers.shutdownNow();
        handlers.close();
    }
}
