/**
 * The project's vocabulary: {@link dev.multitasking.core.Task}, the unit of work that runs
 * anywhere; the {@link dev.multitasking.core.Strategy} SPI that runs tasks and reports one
 * {@link dev.multitasking.core.Span} per task; and, in {@code measure}, how a run is timed. No pool lives here:
 * strategies come from the modules on the class path.
 */
package dev.multitasking.core;
