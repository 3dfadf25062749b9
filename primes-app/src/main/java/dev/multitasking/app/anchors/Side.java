package dev.multitasking.app.anchors;

import java.util.concurrent.Callable;

/**
 * One side of a comparison: who runs ({@code Java}, {@code Python}, {@code primesieve}), what, and
 * one run of it in a fresh process.
 */
record Side(String program, String label, Callable<Measure> once) {
}
