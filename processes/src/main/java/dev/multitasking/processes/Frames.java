package dev.multitasking.processes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * The wire between a {@link ProcessPoolExecutor} and its workers: length-prefixed frames, each a
 * Java-serialized object, over the worker's stdin (tasks) and stdout (replies). Both sides read
 * through {@link #FILTER}: the project's own classes and plain value types, nothing else, so a
 * frame cannot make either side build an object of a gadget class.
 */
final class Frames {

    /** Frames larger than this are refused: a corrupt length must not allocate gigabytes. */
    static final int MAX_FRAME = 256 * 1024 * 1024;

    /**
     * What may be deserialized: the project's packages; {@code java.lang} (boxed values, strings,
     * exceptions, stack traces) and serialized lambdas; collections, time, big numbers, URIs and
     * java.io's exceptions. Everything else is rejected.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=1000000;maxarray=100000000;"
                    + "dev.multitasking.**;java.lang.*;java.lang.invoke.SerializedLambda;java.util.*;"
                    + "java.time.*;java.math.*;java.net.URI;java.io.*;!*");

    private Frames() {
    }

    /**
     * A worker's answer. The first frame a worker sends is a hello: {@code pid} set, nothing else.
     *
     * @param value   what the task returned, when it succeeded
     * @param failure what it threw, or why the worker could not run it or send its value
     * @param pid     the worker's process id
     */
    record Reply(Object value, Throwable failure, long pid) implements Serializable {
    }

    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] frame) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(frame))) {
            in.setObjectInputFilter(FILTER);
            return in.readObject();
        }
    }

    static void write(OutputStream out, byte[] frame) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(frame.length);
        data.write(frame);
        data.flush();
    }

    /** The next frame, or null at a clean end of stream. */
    static byte[] read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("bad frame length " + length);
        }
        byte[] frame = new byte[length];
        data.readFully(frame);
        return frame;
    }
}
