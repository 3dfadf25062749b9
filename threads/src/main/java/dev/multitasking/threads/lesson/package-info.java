/**
 * The thread lessons: creating threads ({@code run()} vs {@code start()}), stopping them
 * (volatile flags, interrupts, joins), sharing the heap, pools by hand and by library, work
 * stealing, and virtual threads. Each has a {@code main} and a test of its claim.
 */
package dev.multitasking.threads.lesson;
