package dev.multitasking.app.anchors;

/** One comparison of RESULTS.md: its sides run interleaved, its table, and its findings against its targets. */
interface Section {

    /** Runs the comparison and writes its section to {@code run.md()}. */
    void write(AnchorRun run) throws Exception;
}
