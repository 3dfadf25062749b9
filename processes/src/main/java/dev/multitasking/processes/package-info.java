/**
 * Processes: {@link dev.multitasking.processes.JavaProcess}, a child-JVM launcher on Apache
 * Commons Exec, and {@link dev.multitasking.processes.ProcessPoolExecutor}, an
 * {@code ExecutorService} of worker JVMs that survives its workers' crashes. Every child is
 * registered with a shutdown-hook destroyer, and every worker exits when its stdin closes, so no
 * process outlives its parent.
 */
package dev.multitasking.processes;
