/**
 * The {@code primes} command line (picocli) and the report of {@code compare}. It owns no
 * algorithm and no pool: workloads come from {@code core}, strategies from whatever modules are on
 * the class path. A comparison ({@code Comparison}) verifies every result before it is timed into
 * a row; the report ({@code Report}) only draws what the rows hold.
 */
package dev.multitasking.app;
