/**
 * Profiling, the lecture's cProfile and line_profiler in Java terms: the async-profiler harness
 * ({@link dev.multitasking.profiling.Profiler}, {@link dev.multitasking.profiling.AsyncProfilerLibrary}),
 * and the JMH benchmarks (package {@code bench}, built into {@code profiling/target/benchmarks.jar}).
 * The anchors (the lecture's Python program and primesieve, measured side by side) are a command
 * of the app: {@code primes anchors}.
 */
package dev.multitasking.profiling;
