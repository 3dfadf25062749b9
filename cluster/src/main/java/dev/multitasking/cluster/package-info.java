/**
 * Scale-out on Hazelcast: {@link dev.multitasking.cluster.Member} (a member's {@code main}),
 * {@link dev.multitasking.cluster.LocalCluster} (N members as child JVMs on this machine),
 * {@link dev.multitasking.cluster.Connection} (a client that runs the project's tasks on the
 * members' durable executor) and the {@code cluster} strategy. Hazelcast does the networking,
 * membership and scheduling; this package only configures and drives it.
 */
package dev.multitasking.cluster;
