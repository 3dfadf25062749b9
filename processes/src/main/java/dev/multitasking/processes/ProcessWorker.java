package dev.multitasking.processes;

import dev.multitasking.core.Task;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.OutputStream;

/**
 * The {@code main} of a {@link ProcessPoolExecutor} worker JVM: reads task frames from stdin,
 * runs each, writes a reply frame to stdout, and exits when stdin ends. Stdin ending is also how
 * a worker outlives no parent: if the parent dies, even by {@code kill -9}, its end of the pipe
 * closes and the worker exits.
 *
 * <p>{@code System.out} is pointed at stderr before any task runs: the protocol owns stdout, and a
 * task that prints must not corrupt it. The parent logs the worker's stderr with its pid.
 */
public final class ProcessWorker {

    private ProcessWorker() {
    }

    public static void main(String[] args) throws Exception {
        OutputStream channel = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(System.err);
        InputStream tasks = new BufferedInputStream(System.in);
        long pid = ProcessHandle.current().pid();
        Frames.write(channel, Frames.serialize(new Frames.Reply(null, null, pid)));   // hello: ready
        for (byte[] frame; (frame = Frames.read(tasks)) != null; ) {
            Frames.write(channel, reply(frame, pid));
        }
        System.exit(0);   // stdin ended: the parent is done with this worker, or gone
    }

    private static byte[] reply(byte[] frame, long pid) throws Exception {
        Object value;
        try {
            Object request = Frames.deserialize(frame);
            if (!(request instanceof Task<?> task)) {
                throw new IllegalArgumentException("a worker runs only " + Task.class.getName() + ", got "
                        + (request == null ? "null" : request.getClass().getName()));
            }
            value = task.call();
        } catch (Throwable t) {   // the task's failure, or a frame the filter refused: the caller gets it
            return Frames.serialize(new Frames.Reply(null, t, pid));
        }
        try {
            return Frames.serialize(new Frames.Reply(value, null, pid));
        } catch (NotSerializableException e) {
            return Frames.serialize(new Frames.Reply(null, new NotSerializableException(
                    "the task's result is not serializable: " + e.getMessage()), pid));
        }
    }
}
