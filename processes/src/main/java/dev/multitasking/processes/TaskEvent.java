package dev.multitasking.processes;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One task's life in a {@link ProcessPoolExecutor}, for Flight Recorder: it begins when the task
 * is submitted and ends when its future completes, so a recording opened in JDK Mission Control
 * shows the pool at work, and {@code jfr print --events dev.multitasking.processes.Task} reads it.
 * Costs next to nothing when no recording asks for it.
 */
@Name(TaskEvent.NAME)
@Label("Process Pool Task")
@Category({"multitasking", "Process Pool"})
@Description("A task of a ProcessPoolExecutor, from submit to its future's completion")
@StackTrace(false)
final class TaskEvent extends jdk.jfr.Event {

    static final String NAME = "dev.multitasking.processes.Task";

    @Label("Pool")
    String pool;

    @Label("Task")
    @Description("The task's toString()")
    String task;

    @Label("Outcome")
    @Description("completed, failed (its own exception), crashed, unresponsive, timed out, cancelled or stopped")
    String outcome;

    @Label("Worker PID")
    @Description("The worker JVM that ran it last; 0 if none started it")
    long workerPid;

    @Label("Queued")
    @Description("From submit until a worker started it")
    @Timespan(Timespan.NANOSECONDS)
    long queued;

    @Label("Ran")
    @Description("From its start on its last worker until its answer came off the socket, as the pool sees them")
    @Timespan(Timespan.NANOSECONDS)
    long ran;

    @Label("Bytes Sent")
    @DataAmount(DataAmount.BYTES)
    long bytesSent;

    @Label("Bytes Received")
    @DataAmount(DataAmount.BYTES)
    long bytesReceived;

    @Label("Tries")
    @Description("Workers it was given: more than 1 when a worker died before it reached it, or under a Retryable task")
    int tries;
}
