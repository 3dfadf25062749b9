package dev.multitasking.processes;

import dev.multitasking.core.Span;
import dev.multitasking.core.Spanned;
import dev.multitasking.core.Task;
import dev.multitasking.core.Timed;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;

/**
 * The wire between a {@link ProcessPoolExecutor} and its workers: length-prefixed frames over the
 * worker's socket (tasks one way, replies the other). A frame is one tag byte and its body: {@code null},
 * a boolean, an int or a long written as themselves (the answers of most prime tasks), the
 * strategies' wrappers {@link Spanned} and {@link Timed} as their fields around the value they
 * carry, anything else Java-serialized. Both sides read serialized bodies through a
 * {@link FrameFilter}: the project's own classes and the JDK's value types
 * ({@link FrameFilter#ALLOWED_CLASSES}), nested at most {@link FrameFilter#MAX_DEPTH} deep, at
 * most {@link FrameFilter#MAX_REFS} references and no array with more elements than the frame
 * has bytes, so a frame can neither make either side build an object of a gadget class nor keep
 * it decoding for long. A task frame starts with its task's id; a reply frame has a tag in front
 * (hello, heartbeat, receipt, value or failure) and, but for the first two, the id of the task it
 * answers, so replies are matched to tasks by id, not by their place in the stream.
 *
 * <p>Why not a fresh {@link ObjectOutputStream} per frame: on a round trip of a trivial task,
 * building streams, resolving class names and writing a wrapper record cost more than the channel
 * itself (the processes README has the figures).
 */
final class Frames {

    /** Frames larger than this are refused unless a pool sets a smaller limit: a corrupt length must not allocate gigabytes. */
    static final int MAX_FRAME = 256 * 1024 * 1024;


    private Frames() {
    }

    /**
     * A worker's answer. The first frame a worker sends is a hello: {@code pid} set, nothing else.
     *
     * @param value   what the task returned, when it succeeded
     * @param failure what it threw, or why the worker could not run it or send its value
     * @param pid     the worker's process id
     */
    record Reply(Object value, Throwable failure, long pid, long task) {
        /** A heartbeat: not an answer to anything. */
        static final Reply HEARTBEAT = new Reply(null, null, -1, NO_TASK);

        /** The worker has read the frame of task {@code task}: from here on, its death is the task's. */
        static Reply receipt(long task) {
            return new Reply(null, null, RECEIPT, task);
        }

        boolean isReceipt() {
            return pid == RECEIPT;
        }

        boolean isHeartbeat() {
            return pid == -1;
        }
    }

    private static final long RECEIPT = -2;

    /** The id of no task: what a reply whose id could not be read answers. */
    static final long NO_TASK = Long.MIN_VALUE;

    /**
     * The id a task frame carries (its first eight bytes), which the worker's receipt and reply
     * repeat: a reply is matched to its task by id, not by its place in the stream, so no frame
     * that is not the worker's answer (something in the worker writing to its socket) can shift
     * the results of the tasks after it. {@link #NO_TASK} for a frame too short to hold one.
     */
    static long taskId(byte[] taskFrame) {
        if (taskFrame.length < Long.BYTES) {
            return NO_TASK;
        }
        long id = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            id = id << 8 | (taskFrame[i] & 0xff);
        }
        return id;
    }

    /** The first frame of a worker: who it is, and the token the parent handed it, to prove it. */
    record Hello(long pid, byte[] token) {
    }

    /** The heartbeat frame; always the same bytes. */
    static byte[] heartbeat() {
        return new byte[] {HEARTBEAT};
    }

    /**
     * The frame a worker writes as soon as it has read a task's frame, before it decodes or runs
     * it: so that the pool knows, when a worker dies, whether the task had reached it (and may
     * have caused the death) or not (and goes to another worker). The tag and the task's id.
     */
    static byte[] received(long task) {
        byte[] frame = new byte[1 + Long.BYTES];
        frame[0] = RECEIVED;
        for (int i = 0; i < Long.BYTES; i++) {
            frame[1 + i] = (byte) (task >>> (56 - 8 * i));
        }
        return frame;
    }

    /** The frame a pool sends a worker it retires, before it closes the socket: the worker ends quietly. */
    static byte[] goodbye() {
        return new byte[] {GOODBYE};
    }

    static boolean isGoodbye(byte[] frame) {
        return frame.length == 1 && frame[0] == GOODBYE;
    }

    /** A task frame's place, taken by the pool's goodbye: a value never starts with this tag. */
    private static final byte GOODBYE = 'Q';
    // Tags of a reply.
    private static final byte HELLO = 'H';
    /** A worker is alive: sent by a thread of its own while a task runs, or while it waits. */
    private static final byte HEARTBEAT = 'B';
    private static final byte RECEIVED = 'R';
    private static final byte VALUE = 'V';
    private static final byte FAILURE = 'F';
    // Tags of a value.
    private static final byte NULL = 'n';
    private static final byte TRUE = 't';
    private static final byte FALSE = 'f';
    private static final byte INT = 'i';
    private static final byte LONG = 'l';
    private static final byte SERIALIZED = 's';
    /** A {@link Spanned} task: its index, then the task as a value. */
    private static final byte SPANNED = 'S';
    /** A {@link Timed} result: its span's fields, then the value. */
    private static final byte TIMED = 'T';
    /** A span's worker name longer than this is serialized with the rest: {@code writeUTF} takes at most 64 KiB. */
    private static final int MAX_WORKER_NAME = 16 * 1024;
    /** How deep wrappers may nest in a frame read (one is usual): a corrupt frame must not overflow the stack. */
    private static final int MAX_NESTING = 8;

    /**
     * Turns values into frames. Serialized bodies go through one long-lived
     * {@link ObjectOutputStream}, reset before each frame, so every frame carries its own class
     * descriptors and shares no object with an earlier one: any {@link Decoder} can read it, and
     * a task sent twice arrives twice. Not thread-safe.
     */
    static final class Encoder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream data = new DataOutputStream(bytes);
        private ObjectOutputStream out;

        /** A task frame: its id ({@link #taskId}), then the task. */
        byte[] task(long id, Object task) throws IOException {
            try {
                data.writeLong(id);
                writeValue(task);
                return bytes.toByteArray();
            } finally {
                bytes.reset();
            }
        }

        /** A value alone, as a frame's body: what a task frame holds after its id. */
        byte[] encode(Object o) throws IOException {
            try {
                writeValue(o);
                return bytes.toByteArray();
            } finally {
                bytes.reset();
            }
        }

        byte[] hello(long pid, byte[] token) throws IOException {
            try {
                data.writeByte(HELLO);
                data.writeLong(pid);
                data.writeShort(token.length);
                data.write(token);
                return bytes.toByteArray();
            } finally {
                bytes.reset();
            }
        }

        /** A reply to task {@code task} carrying what it returned. */
        byte[] value(long task, Object value) throws IOException {
            try {
                data.writeByte(VALUE);
                data.writeLong(task);
                writeValue(value);
                return bytes.toByteArray();
            } finally {
                bytes.reset();
            }
        }

        /** A reply to task {@code task} carrying what it threw. */
        byte[] failure(long task, Throwable failure) throws IOException {
            try {
                data.writeByte(FAILURE);
                data.writeLong(task);
                writeValue(failure);
                return bytes.toByteArray();
            } finally {
                bytes.reset();
            }
        }

        private void writeValue(Object o) throws IOException {
            switch (o) {
                case null -> data.writeByte(NULL);
                case Boolean b -> data.writeByte(b ? TRUE : FALSE);
                case Integer i -> {
                    data.writeByte(INT);
                    data.writeInt(i);
                }
                case Long l -> {
                    data.writeByte(LONG);
                    data.writeLong(l);
                }
                // Every task a strategy runs is a Spanned, every result a Timed: written as their
                // fields, neither side pays for Java serialization of the wrappers.
                case Spanned<?> spanned -> {
                    data.writeByte(SPANNED);
                    data.writeInt(spanned.index());
                    writeValue(spanned.task());
                }
                case Timed<?> timed when timed.span() != null && timed.span().worker().length() <= MAX_WORKER_NAME -> {
                    Span span = timed.span();
                    data.writeByte(TIMED);
                    data.writeInt(span.task());
                    data.writeLong(span.pid());
                    data.writeUTF(span.worker());
                    data.writeLong(span.startMicros());
                    data.writeLong(span.endMicros());
                    writeValue(timed.value());
                }
                default -> {
                    data.writeByte(SERIALIZED);
                    serialize(o);
                }
            }
        }

        private void serialize(Object o) throws IOException {
            try {
                if (out == null) {
                    int tagged = bytes.size();
                    out = new ObjectOutputStream(bytes);
                    out.flush();
                    byte[] sofar = bytes.toByteArray();
                    bytes.reset();
                    bytes.write(sofar, 0, tagged);   // frames carry no stream header; a Decoder supplies its own
                }
                out.reset();
                out.writeObject(o);
                out.flush();
            } catch (IOException | RuntimeException e) {
                out = null;   // a failed write leaves its marks in the stream: start a clean one
                throw e;
            }
        }
    }

    /**
     * Reads frames made by an {@link Encoder}; serialized bodies through one long-lived
     * {@link ObjectInputStream} with a {@link FrameFilter}. A frame that fails (the filter refuses a
     * class, or it is corrupt) throws, and the next frame is read by a fresh stream. Not
     * thread-safe.
     */
    static final class Decoder {
        private final FrameSource source = new FrameSource();
        private final DataInputStream data = new DataInputStream(source);
        private final FrameFilter filter;
        private FrameSource.CachingObjectInputStream in;

        Decoder() {
            this(MAX_FRAME);
        }

        /** A decoder for frames of at most {@code maxFrame} bytes, whose arrays are held to that length. */
        Decoder(int maxFrame) {
            this(maxFrame, java.util.List.of());
        }

        /** As above, also admitting the classes of {@code packages} (and their subpackages). */
        Decoder(int maxFrame, java.util.List<String> packages) {
            this.filter = new FrameFilter(maxFrame, packages);
        }

        /** A frame's body alone: a value, as {@link Encoder#encode} wrote it. */
        Object decode(byte[] frame) throws IOException, ClassNotFoundException {
            source.next(frame);
            filter.startFrame(frame.length);
            return readValue();
        }

        /** A task frame's task, after its id ({@link Frames#taskId} reads that). */
        Object task(byte[] frame) throws IOException, ClassNotFoundException {
            source.next(frame);
            filter.startFrame(frame.length);
            data.readLong();
            return readValue();
        }

        /** A worker's first frame. */
        Hello hello(byte[] frame) throws IOException {
            source.next(frame);
            if (data.readByte() != HELLO) {
                fail("the first frame of a worker is not a hello");
            }
            long pid = data.readLong();
            byte[] token = new byte[data.readUnsignedShort()];
            data.readFully(token);
            return new Hello(pid, token);
        }

        /**
         * A reply frame. One whose value cannot be read (the filter refuses a class, it is
         * corrupt) is still the reply to its task: a Reply with the reason as its failure. Only a
         * frame whose tag or task id cannot be read throws.
         */
        Reply reply(byte[] frame) throws IOException {
            source.next(frame);
            filter.startFrame(frame.length);
            byte tag = data.readByte();
            if (tag == HEARTBEAT) {
                return Reply.HEARTBEAT;
            }
            if (tag != RECEIVED && tag != VALUE && tag != FAILURE) {
                return fail("unknown reply tag " + tag);
            }
            long task = data.readLong();
            if (tag == RECEIVED) {
                return source.remaining() == 0 ? Reply.receipt(task) : fail("a receipt with bytes after its task id");
            }
            try {
                return tag == VALUE ? new Reply(readValue(), null, 0, task)
                        : readValue() instanceof Throwable t ? new Reply(null, t, 0, task)
                        : fail("a failure reply that holds no Throwable");
            } catch (IOException | ClassNotFoundException unreadable) {
                return new Reply(null, unreadable, 0, task);
            }
        }

        private Object readValue() throws IOException, ClassNotFoundException {
            Object value = readNested(0);
            if (source.remaining() != 0) {
                fail(source.remaining() + " bytes left over after the value in a frame");
            }
            return value;
        }

        private Object readNested(int depth) throws IOException, ClassNotFoundException {
            if (depth > MAX_NESTING) {
                fail("wrappers nested more than " + MAX_NESTING + " deep");
            }
            byte tag = data.readByte();
            return switch (tag) {
                case NULL -> null;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case INT -> data.readInt();
                case LONG -> data.readLong();
                case SERIALIZED -> deserialize();
                case SPANNED -> {
                    int index = data.readInt();
                    yield readNested(depth + 1) instanceof Task<?> task ? new Spanned<>(index, task) : fail("a Spanned that holds no Task");
                }
                case TIMED -> {
                    Span span;
                    try {
                        span = new Span(data.readInt(), data.readLong(), data.readUTF(), data.readLong(), data.readLong());
                    } catch (IllegalArgumentException e) {
                        yield fail("a Timed with a bad span: " + e.getMessage());
                    }
                    yield new Timed<>(readNested(depth + 1), span);
                }
                default -> fail("unknown value tag " + tag);
            };
        }

        private Object deserialize() throws IOException, ClassNotFoundException {
            try {
                if (in == null) {
                    in = (FrameSource.CachingObjectInputStream) source.withHeader(FrameSource.CachingObjectInputStream::new);
                    in.setObjectInputFilter(filter);
                    filter.startStream();
                }
                in.startFrame();
                return in.readObject();
            } catch (java.io.InvalidObjectException unfolded) {
                in = null;
                throw unfolded;
            } catch (java.io.InvalidClassException refused) {
                in = null;
                String why = filter.refusal();
                if (why == null) {
                    throw refused;
                }
                java.io.InvalidClassException named = new java.io.InvalidClassException("refused by the pool's filter: " + why);
                named.initCause(refused);
                throw named;
            } catch (IOException | ClassNotFoundException | RuntimeException | StackOverflowError e) {
                in = null;
                throw e;
            }
        }

        private static <T> T fail(String why) throws StreamCorruptedException {
            throw new StreamCorruptedException(why);
        }
    }

    static void write(OutputStream out, byte[] frame) throws IOException {
        append(out, frame);
        out.flush();
    }

    /** Writes a frame into a buffered stream without flushing it: the next {@link #write} sends both at once. */
    static void append(OutputStream out, byte[] frame) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(frame.length);
        data.write(frame);
    }

    /** The next frame, or null at a clean end of stream. */
    static byte[] read(InputStream in) throws IOException {
        return read(in, MAX_FRAME);
    }

    /** The next frame of at most {@code maxFrame} bytes, or null at a clean end of stream. */
    static byte[] read(InputStream in, int maxFrame) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length;
        try {
            length = data.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 0 || length > maxFrame) {
            throw new IOException("bad frame length " + length + " (the limit is " + maxFrame + " bytes)");
        }
        byte[] frame = new byte[length];
        data.readFully(frame);
        return frame;
    }
}
