package dev.multitasking.app.anchors;

/**
 * One run of one side, in milliseconds: wall, CPU (NaN where the program does not say), and a
 * third figure some sections keep (NaN elsewhere): the caller's CPU beside its workers'. A
 * round-trip figure carries its trips' median and 99th percentile, in microseconds, in the first
 * two places.
 */
record Measure(double wall, double cpu, double more) {

    Measure(double wall, double cpu) {
        this(wall, cpu, Double.NaN);
    }
}
