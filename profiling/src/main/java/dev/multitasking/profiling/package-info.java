/**
 * Profiling, the lecture's cProfile and line_profiler in Java terms: the async-profiler harness
 * ({@link dev.multitasking.profiling.Profiler}, {@link dev.multitasking.profiling.AsyncProfilerLibrary}),
 * the JMH benchmarks (package {@code bench}, built into {@code profiling/target/benchmarks.jar}),
 * and the anchors the project is measured against ({@link dev.multitasking.profiling.Anchors}).
 */
package dev.multitasking.profiling;
