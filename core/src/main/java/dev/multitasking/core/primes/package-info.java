/**
 * Prime arithmetic ({@link dev.multitasking.core.primes.Primes}) and the prime tasks built on it.
 * Every method is exact for its documented range of {@code long}; tasks are records, so they
 * serialize and run unchanged in a thread, a child JVM or on a cluster member.
 */
package dev.multitasking.core.primes;
