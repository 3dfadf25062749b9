package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One blocking HTTP GET: the I/O-bound task. Its thread blocks in the socket read until the answer
 * arrives; the value is the response body.
 *
 * <p>The JDK's plain blocking client, {@link HttpURLConnection}, not {@code java.net.http}: on a
 * virtual thread a blocking read parks the thread and frees its carrier, which is the whole point
 * of the I/O lessons, and it costs far less. 10,000 requests in flight took 6.4 s of client CPU
 * with {@code HttpClient} (its connection pool, selector thread and futures) and 2.3 s with this,
 * on a 2-core VM (profiling/README.md).
 *
 * @param uri     what to fetch
 * @param timeout how long to wait to connect, and then for the answer
 */
public record Fetch(URI uri, Duration timeout) implements Task<String> {

    @Override
    public String call() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        // Each request is its own connection, as each task stands alone; and no connection left
        // in the JDK's keep-alive cache means no "Keep-Alive-Timer" thread outliving the work.
        connection.setRequestProperty("Connection", "close");
        int status = connection.getResponseCode();
        if (status != 200) {
            connection.disconnect();
            throw new IOException("GET " + uri + " answered " + status);
        }
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
