package dev.multitasking.app.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multitasking.core.workload.IoServer;
import dev.multitasking.processes.ChildProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** I/O-bound: many requests in flight at once against one server, three clients. */
final class IoSection implements Section {

    static final Target AGAINST_AIOHTTP = Target.atLeast("Virtual threads against aiohttp on uvloop", 6, "x");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        Sizes sizes = run.sizes();
        String workload = "io:" + sizes.ioRequests() + ":" + sizes.ioLatencyMillis() + "ms";
        md.section(String.format(Locale.ROOT, "I/O-bound: %,d requests in flight at once, each answered after %d ms", sizes.ioRequests(),
                sizes.ioLatencyMillis()));
        List<Side> sides = List.of(
                new Side("Java", "`virtual`: a virtual thread per request",
                        () -> withIoServer(sizes, url -> FigureJvm.measure(workload, "virtual", 2, "warm:1", url))),
                new Side("Python", "asyncio on uvloop, aiohttp", () -> withIoServer(sizes, url -> python(run, "aiohttp", url))),
                new Side("Python", "`ThreadPoolExecutor`, a thread per request", () -> withIoServer(sizes, url -> python(run, "threads", url))));
        List<Figure> f = run.interleaved(sides);
        LectureSides.rows(md, f);
        md.end();
        md.line("Every run has a server JVM of its own (`IoServer`: the JDK's sockets on 127.0.0.1, a virtual thread per connection, C1 only so");
        md.line("that its JIT takes less of the cores the clients need) and one warm-up run before the timed one;");
        md.line("each request is a connection of its own on every side. A fresh server each run: 30,000 connections to one port leave more");
        md.line("sockets in TIME_WAIT than there are ephemeral ports, and the next run then waits on the kernel's search for a free one.");
        Figure java = f.getFirst();
        Figure aiohttp = f.get(1);
        if (java.ok() && aiohttp.ok()) {
            double r = aiohttp.median() / java.median();
            md.point(String.format(Locale.ROOT, "%s (target %s): **%.1fx**, %s.", AGAINST_AIOHTTP.what(), AGAINST_AIOHTTP.bounds(), r,
                    AGAINST_AIOHTTP.verdict(r)));
        }
        md.end();
    }

    private static Measure python(AnchorRun run, String client, String url) throws IOException, InterruptedException {
        JsonNode out = run.best().call("io", client, url, Integer.toString(run.sizes().ioRequests()), "1", "1");
        return new Measure(out.get("seconds").get(0).asDouble() * 1000, out.path("cpu_seconds").asDouble(Double.NaN) * 1000);
    }

    @FunctionalInterface
    private interface IoClient {
        Measure run(String url) throws Exception;
    }

    /** Starts an {@link IoServer} JVM, runs {@code client} against its address, stops it. */
    private static Measure withIoServer(Sizes sizes, IoClient client) throws Exception {
        // The server runs in a JVM of its own: 10,000 client and 10,000 server sockets in one JVM
        // pass a 20,000 file-descriptor limit (this machine's, hard). It is the fixture, not what is
        // measured, so it runs C1 only: in a fresh server C2 compiling the JDK's HttpServer (the
        // server before this one) was 43% of its CPU during a run, on the same 2 cores as the
        // client, and the socket server's CPU with C2 was no lower.
        try (ChildProcess.Launched server = ChildProcess.main(IoServer.class).jvmOptions("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1")
                .args(Integer.toString(sizes.ioLatencyMillis())).timeout(Duration.ofMinutes(15)).talk().start()) {
            String ready = new BufferedReader(new InputStreamReader(server.stdout(), StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith(IoServer.READY)) {
                throw new IllegalStateException("the io server said " + ready + " " + server.stderrTail());
            }
            try {
                return client.run(ready.substring(IoServer.READY.length()));
            } finally {
                server.stdin().close();   // its signal to stop
            }
        }
    }
}
