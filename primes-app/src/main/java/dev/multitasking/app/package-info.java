/**
 * The {@code primes} command line (picocli): its commands, and how they read what is typed (every
 * number in ASCII digits, one line and exit code 2 for bad input). It owns no algorithm and no
 * pool: workloads come from {@code core}, strategies from whatever modules are on the class path,
 * the comparison from {@code app.compare} and its report from {@code app.report}.
 */
package dev.multitasking.app;
