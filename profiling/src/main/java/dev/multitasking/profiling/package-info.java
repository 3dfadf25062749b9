/**
 * Profiling: JMH benchmarks and an async-profiler harness. Not yet filled: the module builds so
 * that the reactor is whole.
 */
package dev.multitasking.profiling;
