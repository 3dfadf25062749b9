package dev.multitasking.core.measure;

import dev.multitasking.core.Batch;
import dev.multitasking.core.workload.Verdict;

/**
 * What one run produced, what it cost, and what the workload's oracle said of it.
 *
 * @param batch   the results and spans
 * @param stats   the timings
 * @param verdict the oracle's verdict (a run that {@link Trial} returns was found right)
 * @param <T>     the tasks' value type
 */
public record RunResult<T>(Batch<T> batch, RunStats stats, Verdict verdict) {
}
