package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * One blocking HTTP GET: the I/O-bound task. Its thread sleeps in {@code send} until the answer
 * arrives; the value is the response body.
 *
 * @param uri     what to fetch
 * @param timeout how long to wait for the answer
 */
public record Fetch(URI uri, Duration timeout) implements Task<String> {

    @Override
    public String call() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response = Client.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /**
     * One client per JVM, created on first use, as a browser keeps one connection pool: a client
     * per request would pay a selector thread and a TCP handshake each time, and a task must stay
     * a plain serializable value. Its own work runs on virtual threads, so a burst of requests
     * does not grow a pool of platform threads behind the caller's back; its selector thread is a
     * daemon.
     */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-client-", 1).factory()))
                .build();
    }
}
