/**
 * Scale-out: the same tasks on Hazelcast members. Not yet filled: the module builds so that the
 * reactor is whole.
 */
package dev.multitasking.cluster;
