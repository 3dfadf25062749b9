/**
 * The process lessons: process facts, start/wait/terminate, memory isolation, a pool's map with
 * pids, and a worker that dies mid-task. Each has a {@code main} and a test of its claim.
 */
package dev.multitasking.processes.lesson;
