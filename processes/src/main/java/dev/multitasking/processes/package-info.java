/**
 * Processes: child JVMs launched with the running JVM's own {@code java}, and a process pool with
 * the {@code ExecutorService} contract. Not yet filled: the module builds so that the others can
 * depend on it.
 */
package dev.multitasking.processes;
