/**
 * The comparison: {@code Comparison} runs every row of a workload side by side in rounds on
 * {@code core.measure}'s harness, so that each {@code Row} carries the oracle's verdict on its
 * answers and physics' verdict on its timings; {@code Finding} says in one sentence what the rows
 * show, never naming a suspect row; {@code Estimate} says beforehand what will take long;
 * {@code PythonProgram} runs the lecture's own program beside Java.
 */
package dev.multitasking.app.compare;
