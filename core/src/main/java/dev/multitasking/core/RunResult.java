package dev.multitasking.core;

/**
 * What one run produced and what it cost.
 *
 * @param batch the results and spans
 * @param stats the timings
 * @param <T>   the tasks' value type
 */
public record RunResult<T>(Batch<T> batch, RunStats stats) {
}
