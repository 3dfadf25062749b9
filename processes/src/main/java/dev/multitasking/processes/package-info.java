/**
 * Processes: {@link dev.multitasking.processes.ChildProcess}, a child-JVM launcher on Apache
 * Commons Exec, and {@link dev.multitasking.processes.ProcessPoolExecutor}, an
 * {@code ExecutorService} of worker JVMs that survives its workers' crashes, freezes and
 * over-long tasks. Every child is registered with a shutdown-hook destroyer, and every worker
 * halts when its socket to the pool closes, even mid-task, so no process outlives its parent.
 */
package dev.multitasking.processes;
