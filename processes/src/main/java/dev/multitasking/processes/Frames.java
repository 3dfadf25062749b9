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
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamConstants;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The wire between a {@link ProcessPoolExecutor} and its workers: length-prefixed frames over the
 * worker's stdin (tasks) and stdout (replies). A frame is one tag byte and its body: {@code null},
 * a boolean, an int or a long written as themselves (the answers of most prime tasks), the
 * strategies' wrappers {@link Spanned} and {@link Timed} as their fields around the value they
 * carry, anything else Java-serialized. Both sides read serialized bodies through a
 * {@link FrameFilter}: the project's own classes and the JDK's value types ({@link #ALLOWED_CLASSES}),
 * nested at most {@link #MAX_DEPTH} deep, at most {@link #MAX_REFS} references and no array longer
 * than the frame per frame, so a frame can neither make either side build an object of a gadget
 * class nor keep it decoding for long. A reply frame has a second tag in front: hello, heartbeat,
 * value or failure.
 *
 * <p>Why not a fresh {@link ObjectOutputStream} per frame: on a round trip of a trivial task,
 * building streams, resolving class names and writing a wrapper record cost more than the channel
 * itself (the processes README has the figures).
 */
final class Frames {

    /** Frames larger than this are refused unless a pool sets a smaller limit: a corrupt length must not allocate gigabytes. */
    static final int MAX_FRAME = 256 * 1024 * 1024;

    /**
     * How deep objects may nest in a serialized body. Deep enough for records of collections of
     * records, and for an exception with twenty causes; shallow enough that a value built to be
     * cheap to send and exponential to decode (sets nested in sets, whose hash codes are
     * recomputed on arrival) costs at most about 2^24 steps, a fraction of a second.
     */
    static final int MAX_DEPTH = 24;

    /** How many objects and references one frame may hold; counted per frame, not over a stream's life. */
    static final long MAX_REFS = 1_000_000;

    /**
     * The classes a serialized body may hold: the project's packages; {@code java.lang} (boxed
     * values, strings, exceptions, stack traces) and serialized lambdas; the JDK's value types
     * and collections by name; {@code java.util.concurrent}'s exceptions and collections; time,
     * big numbers, URIs and {@code java.io} (its exceptions). Everything else is refused.
     */
    static final String ALLOWED_CLASSES = "dev.multitasking.**;java.lang.*;java.lang.invoke.SerializedLambda;"
            + "java.util.ArrayList;java.util.LinkedList;java.util.ArrayDeque;java.util.Vector;java.util.PriorityQueue;"
            + "java.util.HashMap;java.util.LinkedHashMap;java.util.TreeMap;java.util.Hashtable;java.util.IdentityHashMap;"
            + "java.util.EnumMap;java.util.HashSet;java.util.LinkedHashSet;java.util.TreeSet;java.util.EnumSet*;java.util.RegularEnumSet;java.util.JumboEnumSet;"
            + "java.util.Arrays$ArrayList;java.util.Collections$*;java.util.ImmutableCollections$*;java.util.CollSer;"
            + "java.util.Map$Entry;java.util.Hashtable$Entry;java.util.AbstractMap$*;java.util.KeyValueHolder;java.util.BitSet;java.util.UUID;java.util.Date;"
            + "java.util.Locale;java.util.ConcurrentModificationException;java.util.NoSuchElementException;"
            + "java.util.MissingResourceException;java.util.InputMismatchException;java.util.IllformedLocaleException;"
            + "java.util.EmptyStackException;java.util.concurrent.*;java.util.concurrent.atomic.*;java.util.concurrent.locks.*;"
            + "java.time.*;java.math.*;java.net.URI;java.io.*;!*";

    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(ALLOWED_CLASSES);

    /**
     * The filter of one {@link Decoder}: the classes above, the depth, and, per frame, the
     * references and the longest array (no array in a frame of N bytes can hold more than N
     * elements, so a longer one is a lie that would only allocate). Remembers why it refused, so
     * the exception can name the limit.
     */
    static final class FrameFilter implements ObjectInputFilter {
        private final int maxFrame;
        private long refsAtFrameStart;
        private long refsSeen;
        private String refusal;

        FrameFilter(int maxFrame) {
            this.maxFrame = maxFrame;
        }

        void startFrame() {
            refsAtFrameStart = refsSeen;
            refusal = null;
        }

        /** After a fresh stream: its count starts again at zero. */
        void startStream() {
            refsAtFrameStart = 0;
            refsSeen = 0;
        }

        String refusal() {
            return refusal;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            refsSeen = info.references();
            if (info.depth() > MAX_DEPTH) {
                return refuse("objects nested " + info.depth() + " deep, over the limit of " + MAX_DEPTH);
            }
            if (info.references() - refsAtFrameStart > MAX_REFS) {
                return refuse("more than " + MAX_REFS + " objects and references in one frame");
            }
            if (info.arrayLength() > maxFrame) {
                return refuse("an array of " + info.arrayLength() + " elements, over the limit of " + maxFrame
                        + " (the frame limit, in bytes)");
            }
            if (info.serialClass() == null) {
                return Status.UNDECIDED;
            }
            Status classes = CLASSES.checkInput(info);
            if (classes == Status.REJECTED) {
                Class<?> c = info.serialClass();
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                return refuse("class " + c.getName() + " is not admitted");
            }
            return classes;
        }

        private Status refuse(String why) {
            if (refusal == null) {
                refusal = why;
            }
            return Status.REJECTED;
        }
    }

    private Frames() {
    }

    /**
     * A worker's answer. The first frame a worker sends is a hello: {@code pid} set, nothing else.
     *
     * @param value   what the task returned, when it succeeded
     * @param failure what it threw, or why the worker could not run it or send its value
     * @param pid     the worker's process id
     */
    record Reply(Object value, Throwable failure, long pid) {
        /** A heartbeat: not an answer to anything. */
        static final Reply HEARTBEAT = new Reply(null, null, -1);
    }

    /** The first frame of a worker: who it is, and the token the parent handed it, to prove it. */
    record Hello(long pid, byte[] token) {
    }

    /** The heartbeat frame; always the same bytes. */
    static byte[] heartbeat() {
        return new byte[] {HEARTBEAT};
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

        /** A task frame. */
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

        /** A reply carrying what the task returned. */
        byte[] value(Object value) throws IOException {
            try {
                data.writeByte(VALUE);
                writeValue(value);
                return bytes.toByteArray();
            } finally {
                bytes.reset();
            }
        }

        /** A reply carrying what the task threw. */
        byte[] failure(Throwable failure) throws IOException {
            try {
                data.writeByte(FAILURE);
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
        private ObjectInputStream in;

        Decoder() {
            this(MAX_FRAME);
        }

        /** A decoder for frames of at most {@code maxFrame} bytes, whose arrays are held to that length. */
        Decoder(int maxFrame) {
            this.filter = new FrameFilter(maxFrame);
        }

        /** A task frame. */
        Object decode(byte[] frame) throws IOException, ClassNotFoundException {
            source.next(frame);
            filter.startFrame();
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

        Reply reply(byte[] frame) throws IOException, ClassNotFoundException {
            source.next(frame);
            filter.startFrame();
            byte tag = data.readByte();
            return switch (tag) {
                case HEARTBEAT -> Reply.HEARTBEAT;
                case VALUE -> new Reply(readValue(), null, 0);
                case FAILURE -> readValue() instanceof Throwable t ? new Reply(null, t, 0)
                        : fail("a failure reply that holds no Throwable");
                default -> fail("unknown reply tag " + tag);
            };
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
                    in = source.withHeader(CachingObjectInputStream::new);
                    in.setObjectInputFilter(filter);
                    filter.startStream();
                }
                return in.readObject();
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

    /**
     * Resolves a class name once per name, not once per frame: the default looks for the
     * caller's class loader by walking the stack every time. The filter still checks every
     * class it is given.
     */
    private static final class CachingObjectInputStream extends ObjectInputStream {
        private final Map<String, Class<?>> classes = new HashMap<>();

        CachingObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            Class<?> c = classes.get(desc.getName());
            if (c == null) {
                c = super.resolveClass(desc);
                classes.put(desc.getName(), c);
            }
            return c;
        }
    }

    /** What an ObjectOutputStream writes first: magic and version. */
    private static final byte[] STREAM_HEADER = {
            (byte) (ObjectStreamConstants.STREAM_MAGIC >>> 8), (byte) ObjectStreamConstants.STREAM_MAGIC,
            (byte) (ObjectStreamConstants.STREAM_VERSION >>> 8), (byte) ObjectStreamConstants.STREAM_VERSION};

    private interface StreamOpener {
        ObjectInputStream open(InputStream in) throws IOException;
    }

    /** One frame at a time, end of stream after each: a reader cannot run past its frame. */
    private static final class FrameSource extends InputStream {
        private byte[] frame = new byte[0];
        private int position;

        void next(byte[] bytes) {
            frame = bytes;
            position = 0;
        }

        int remaining() {
            return frame.length - position;
        }

        /** Opens a stream that reads a header first (frames have none), then goes on in the frame. */
        ObjectInputStream withHeader(StreamOpener open) throws IOException {
            byte[] current = frame;
            int at = position;
            next(STREAM_HEADER);
            try {
                return open.open(this);
            } finally {
                frame = current;
                position = at;
            }
        }

        @Override
        public int read() {
            return position < frame.length ? frame[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, frame.length - position);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(frame, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return frame.length - position;
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
