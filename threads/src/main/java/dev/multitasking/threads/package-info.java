/**
 * Threads: strategies over the JDK's executors (and, to come, pools written by hand). Each
 * strategy owns its pool for the length of a run and shuts it down before returning.
 */
package dev.multitasking.threads;
