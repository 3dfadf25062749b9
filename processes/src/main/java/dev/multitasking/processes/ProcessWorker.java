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
        Frames.Encoder encoder = new Frames.Encoder();
        Frames.Decoder decoder = new Frames.Decoder();
        Frames.write(channel, encoder.hello(pid));   // hello: ready
        for (byte[] frame; (frame = Frames.read(tasks)) != null; ) {
            Frames.write(channel, reply(frame, encoder, decoder));
        }
        System.exit(0);   // stdin ended: the parent is done with this worker, or gone
    }

    private static byte[] reply(byte[] frame, Frames.Encoder encoder, Frames.Decoder decoder) throws Exception {
        Object value;
        try {
            Object request = decoder.decode(frame);
            if (!(request instanceof Task<?> task)) {
                throw new IllegalArgumentException("a worker runs only " + Task.class.getName() + ", got "
                        + (request == null ? "null" : request.getClass().getName()));
            }
            value = task.call();
        } catch (Throwable t) {   // the task's failure, or a frame the filter refused: the caller gets it
            return failure(t, encoder);
        }
        try {
            return encoder.value(value);
        } catch (NotSerializableException e) {
            return failure(new NotSerializableException("the task's result is not serializable: " + e.getMessage()), encoder);
        }
    }

    /** The failure as it is, or, when it cannot be serialized (a field of it cannot), as its class, message and stack trace. */
    private static byte[] failure(Throwable t, Frames.Encoder encoder) throws Exception {
        try {
            return encoder.failure(t);
        } catch (NotSerializableException e) {
            Exception standIn = new Exception(t + " (sent as text: " + e.getMessage() + " is not serializable)");
            standIn.setStackTrace(t.getStackTrace());
            return encoder.failure(standIn);
        }
    }
}
