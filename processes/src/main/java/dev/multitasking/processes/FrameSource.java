package dev.multitasking.processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamConstants;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The input of a {@link Frames.Decoder}'s object stream: one frame at a time, end of stream after
 * each, so a reader cannot run past its frame; and a stream can be opened on it although frames
 * carry no stream header.
 */
final class FrameSource extends InputStream {
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

    /** What an ObjectOutputStream writes first: magic and version. */
    private static final byte[] STREAM_HEADER = {
            (byte) (ObjectStreamConstants.STREAM_MAGIC >>> 8), (byte) ObjectStreamConstants.STREAM_MAGIC,
            (byte) (ObjectStreamConstants.STREAM_VERSION >>> 8), (byte) ObjectStreamConstants.STREAM_VERSION};

    interface StreamOpener {
        ObjectInputStream open(InputStream in) throws IOException;
    }

    /**
     * Resolves a class name once per name, not once per frame: the default looks for the
     * caller's class loader by walking the stack every time. The filter still checks every
     * class it is given. It also holds each frame's decoding to a bound of work ({@link Unfolding}).
     */
    static final class CachingObjectInputStream extends ObjectInputStream {
        private final Map<String, Class<?>> classes = new HashMap<>();
        private final Unfolding unfolding = new Unfolding();

        CachingObjectInputStream(InputStream in) throws IOException {
            super(in);
            enableResolveObject(true);   // every object passes resolveObject as it is read: the unfolding bound
        }

        /** A new frame: the unfolding's sizes start again. */
        void startFrame() {
            unfolding.startFrame();
        }

        /** Reckons each object's unfolded size as it is read, and refuses one that unfolds too far ({@link Unfolding}). */
        @Override
        protected Object resolveObject(Object obj) throws IOException {
            unfolding.read(obj);
            return obj;
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
}
