package dev.multitasking.core.workload;

import java.io.IOException;
import java.time.Duration;

/**
 * The {@code io} workload's server in a JVM of its own. {@code IoServer <latency-ms>} prints
 * {@value #READY}{@code http://127.0.0.1:<port>} and answers until its stdin ends (its parent is
 * done, or gone). An {@link IoWorkload} given that address ({@link IoWorkload#against}) sends its
 * requests there instead of starting a server of its own.
 *
 * <p>Why: 10,000 requests in flight hold 10,000 client and 10,000 server sockets, and in one JVM
 * that passes a file-descriptor limit of 20,000 (this project's CI machine has that limit, hard).
 * Apart, each side holds its own 10,000.
 */
public final class IoServer {

    /** The first line on stdout, before the address. */
    public static final String READY = "listening ";

    private IoServer() {
    }

    public static void main(String[] args) throws IOException {
        long millis = -1;
        try {
            millis = args.length == 1 ? Long.parseLong(args[0]) : -1;
        } catch (NumberFormatException e) {
            // handled below
        }
        if (millis < 0 || millis > IoWorkload.MAX_LATENCY.toMillis()) {
            System.err.println("usage: IoServer <latency in ms, 0 to 60000>");
            System.exit(2);
        }
        try (DelayServer server = DelayServer.start(Duration.ofMillis(millis))) {
            System.out.println(READY + server.uri());
            System.out.flush();
            while (System.in.read() >= 0) {
                // nothing to read: the end of stdin is the signal to stop
            }
        }
    }
}
