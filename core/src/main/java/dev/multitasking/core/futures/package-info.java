/**
 * Python's {@code concurrent.futures} in Java, over any {@code ExecutorService}: {@code map} with
 * chunks, a timeout and bounded memory; {@code asCompleted}; {@code await} with
 * {@link dev.multitasking.core.futures.ReturnWhen}. No helper leaves a thread behind once it
 * returns or is closed.
 */
package dev.multitasking.core.futures;
