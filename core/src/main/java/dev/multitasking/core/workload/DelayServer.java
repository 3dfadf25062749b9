package dev.multitasking.core.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that answers {@code GET /request/<i>} with
 * {@code <i>} after a fixed latency: the stand-in for a slow remote service.
 *
 * <p>The JDK's blocking sockets, a virtual thread per connection: a thousand requests waiting at
 * once cost the server a thousand sleeping virtual threads, not a thousand platform threads. It
 * speaks the HTTP/1.1 that its clients need and no more: it reads a request's head, answers with a
 * length and {@code Connection: close}, and closes, one request per connection. It replaced the
 * JDK's {@code com.sun.net.httpserver.HttpServer}, which on a 2-core machine took as much CPU per
 * request as the client it served (its exchange objects, header maps, selector and dispatcher
 * threads), so that the server, not the client being measured, set the pace of {@code io:10000}
 * (profiling/README.md measures both).
 */
final class DelayServer implements AutoCloseable {

    static final String PATH = "/request/";
    /** Answers {@code "<answered> <latency ms>"}: how a client in another JVM checks the count and the latency. */
    static final String COUNT_PATH = "/answered";
    /** Connections waiting to be accepted: enough for a burst of thousands (the kernel may cap it lower). */
    private static final int BACKLOG = 16_384;
    /** The longest request head read: far more than a GET needs; a longer one is refused. */
    static final int MAX_HEAD = 8192;
    /** How long a connection may take to send its request head. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final ServerSocket socket;
    private final ExecutorService handlers;
    private final Duration latency;
    private final AtomicLong answered = new AtomicLong();
    private final Thread acceptor;

    private DelayServer(ServerSocket socket, Duration latency) {
        this.socket = socket;
        this.latency = latency;
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delay-server-", 0).factory());
        this.acceptor = Thread.ofPlatform().daemon().name("delay-server-accept").unstarted(this::acceptAll);
    }

    static DelayServer start(Duration latency) {
        ServerSocket socket;
        try {
            socket = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open an HTTP server on 127.0.0.1", e);
        }
        DelayServer server = new DelayServer(socket, latency);
        server.acceptor.start();
        return server;
    }

    /** {@code http://127.0.0.1:<port>} */
    String uri() {
        return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    long answered() {
        return answered.get();
    }

    private void acceptAll() {
        while (true) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException closed) {
                return;   // close() closed the socket (or the system refused us one more): stop accepting
            }
            try {
                handlers.execute(() -> serve(connection));
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                closeQuietly(connection);
                return;
            }
        }
    }

    /** One connection: one request read, answered, and the connection closed. */
    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(READ_TIMEOUT_MILLIS);
            String target = requestTarget(connection.getInputStream());
            if (target == null) {
                respond(connection, 400, "a GET request with its head in " + MAX_HEAD + " bytes");
            } else if (target.startsWith(PATH)) {
                try {
                    Thread.sleep(latency);
                } catch (InterruptedException e) {
                    respond(connection, 503, "the server is stopping");
                    return;
                }
                // Counted before sending: once the body is out, the client may check the count at once.
                answered.incrementAndGet();
                respond(connection, 200, target.substring(PATH.length()));
            } else if (target.equals(COUNT_PATH)) {
                respond(connection, 200, answered.get() + " " + latency.toMillis());
            } else {
                respond(connection, 404, "no such page: " + target);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent nothing in time: nothing to answer
        }
    }

    /**
     * Reads a request's head, through its blank line, and returns the path of its request line
     * ({@code GET /request/7 HTTP/1.1}); null when it is no GET or too long.
     */
    static String requestTarget(InputStream in) throws IOException {
        byte[] head = new byte[512];
        int length = 0;
        while (indexOfBlankLine(head, length) < 0) {
            if (length == head.length) {
                if (length >= MAX_HEAD) {
                    return null;
                }
                head = Arrays.copyOf(head, Math.min(MAX_HEAD, 2 * length));
            }
            int n = in.read(head, length, head.length - length);
            if (n < 0) {
                return null;
            }
            length += n;
        }
        String line = new String(head, 0, indexOf(head, length, (byte) '\r'), StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ");
        return parts.length == 3 && parts[0].equals("GET") && parts[2].startsWith("HTTP/1.") && parts[1].startsWith("/") ? parts[1] : null;
    }

    private static int indexOfBlankLine(byte[] b, int length) {
        for (int i = 3; i < length; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, int length, byte x) {
        for (int i = 0; i < length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return length;
    }

    private static void respond(Socket connection, int status, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            default -> "Service Unavailable";
        };
        // One request per connection: nothing for a client to keep alive (the JDK's blocking
        // client would start a keep-alive timer thread per idle connection pool).
        byte[] head = ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + content.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] response = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, response, head.length, content.length);
        connection.getOutputStream().write(response);   // one write: head and body in one segment
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing a connection nobody served
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Handlers still asleep would answer a closed server: interrupt them, then wait for them.
        handlers.shutdownNow();
        handlers.close();
    }
}
