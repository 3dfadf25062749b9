/**
 * Thread strategies for the {@code Strategy} SPI: a thread per task, the hand-written pools, the
 * JDK's fixed and cached pools, fork/join, parallel streams, virtual threads. Each strategy owns
 * its threads for the length of a run and ends them before {@code close()} returns.
 */
package dev.multitasking.threads;
