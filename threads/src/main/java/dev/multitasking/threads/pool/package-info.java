/**
 * Thread pools written by hand, each a full {@link java.util.concurrent.ExecutorService}:
 * {@link dev.multitasking.threads.pool.FixedThreadPool} (one queue) and
 * {@link dev.multitasking.threads.pool.WorkStealingThreadPool} (a deque per worker). Both reject
 * after shutdown, lose no accepted task, run none twice, and offer bounded queues with a
 * {@link dev.multitasking.threads.pool.Rejection} policy.
 */
package dev.multitasking.threads.pool;
