/**
 * The lecture's first lessons, each a class with a {@code main}: the ramen shop (concurrency vs
 * parallelism), synchronous vs asynchronous, I/O-bound vs CPU-bound, and concurrent.futures in
 * Java. Lessons print; their tests assert what they claim. Production code never depends on them.
 */
package dev.multitasking.core.lesson;
