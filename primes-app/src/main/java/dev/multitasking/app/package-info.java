/**
 * The {@code primes} command line (picocli). It owns no algorithm and no pool: workloads come
 * from {@code core}, strategies from whatever modules are on the class path.
 */
package dev.multitasking.app;
