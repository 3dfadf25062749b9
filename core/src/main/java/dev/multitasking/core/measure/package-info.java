/**
 * Measuring: {@link dev.multitasking.core.measure.Trial}, the one loop that starts workers,
 * warms them up, times runs and checks each against the oracle; {@link
 * dev.multitasking.core.measure.Summary}, the one place medians and percentiles are computed;
 * {@link dev.multitasking.core.measure.RoundTrips} for the cost of one task's trip, and {@link
 * dev.multitasking.core.measure.Amdahl} to fit a serial fraction to measured speedups.
 */
package dev.multitasking.core.measure;
