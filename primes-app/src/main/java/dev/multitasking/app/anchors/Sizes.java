package dev.multitasking.app.anchors;

/**
 * How large each comparison of a run is: {@link #FULL} for RESULTS.md, {@link #SMOKE} to show that
 * every comparison runs, in a fraction of the time.
 *
 * @param smoke       whether the figures are no result
 * @param warmup      runs before a warm figure (two were too few on 2 cores: the JIT compiles in the
 *                    background, and with both cores busy running workers it finishes later than
 *                    beside a sequential run; count:2000000 on 2 threads went 140, 130, 125, 120 ms
 *                    run after run); the figure JVM warms on until steady past them
 * @param longWarmup  for the second, informative {@code processes} figure of the scaling table
 * @param trips       round trips per process-pool figure, after as many again to warm up
 * @param streamTasks tasks of the stream comparison, in chunks of {@code streamChunk}
 * @param streamChunk tasks a chunk
 * @param submitted   tasks of the comparison that submits them all at once
 * @param ioRequests  requests of the I/O comparison, each answered after {@code ioLatencyMillis}
 * @param ioLatencyMillis the server's wait before it answers
 */
record Sizes(boolean smoke, int warmup, int longWarmup, int trips, int streamTasks, int streamChunk, int submitted, int ioRequests,
             int ioLatencyMillis) {

    static final Sizes FULL = new Sizes(false, 5, 20, 10_000, 1_000_000, 1_000, 1_000_000, 10_000, 100);
    static final Sizes SMOKE = new Sizes(true, 1, 2, 1_000, 100_000, 1_000, 100_000, 1_000, 100);
}
