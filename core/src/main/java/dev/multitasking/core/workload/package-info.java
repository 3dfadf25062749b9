/**
 * Workloads: sets of tasks parsed from text ({@code seed}, {@code count:N}, {@code sieve:N},
 * {@code io:N}), each with an oracle that checks every result. The {@code io} workload runs a
 * real HTTP server on 127.0.0.1 for as long as it is prepared, and stops it on close.
 */
package dev.multitasking.core.workload;
