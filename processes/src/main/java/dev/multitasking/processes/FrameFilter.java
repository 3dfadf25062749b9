package dev.multitasking.processes;

import java.io.ObjectInputFilter;

/**
 * The filter of one {@link Frames.Decoder}: the classes of {@link #ALLOWED_CLASSES}, the depth, and, per frame, the
 * references and the longest array (no array in a frame of N bytes can hold more than N
 * elements, so a longer one is a lie that would only allocate). Remembers why it refused, so
 * the exception can name the limit.
 */
final class FrameFilter implements ObjectInputFilter {

    /**
     * How deep objects may nest in a serialized body. Deep enough for records of collections of
     * records, and for an exception with twenty causes; shallow enough that a value built to be
     * cheap to send and exponential to decode (sets nested in sets, whose hash codes are
     * recomputed on arrival) costs at most about 2^24 steps, a fraction of a second.
     */
    static final int MAX_DEPTH = 24;

    /** How many objects and references one frame may hold; counted per frame, not over a stream's life. */
    static final long MAX_REFS = 1_000_000;

    /** The classes a serialized body may hold: {@link AdmittedClasses#PATTERN}; everything else is refused. */
    static final String ALLOWED_CLASSES = AdmittedClasses.PATTERN;

    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(ALLOWED_CLASSES);

    /** A package name: Java identifiers joined by dots. */
    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private final ObjectInputFilter classes;
    private long refsAtFrameStart;
    private long refsSeen;
    private String refusal;
    /** The length of the frame being read, in bytes; the frame limit until the first frame. */
    private int frameLength;

    FrameFilter(int maxFrame) {
        this(maxFrame, java.util.List.of());
    }

    /**
     * A filter that also admits the classes of {@code packages} and of the packages under them:
     * a library user's own tasks and results.
     */
    FrameFilter(int maxFrame, java.util.List<String> packages) {
        this.frameLength = maxFrame;
        this.classes = packages.isEmpty() ? CLASSES
                : ObjectInputFilter.Config.createFilter(String.join(";", packages.stream().map(p -> p + ".**").toList()) + ";" + ALLOWED_CLASSES);
    }

    /**
     * Checks package names given to be admitted, for a one-line error before any worker starts.
     *
     * @throws IllegalArgumentException naming the first one that is not a package name
     */
    static java.util.List<String> checkPackages(java.util.List<String> packages) {
        for (String p : packages) {
            if (p == null || !PACKAGE.matcher(p).matches()) {
                throw new IllegalArgumentException("not a package name: '" + p + "' (give one such as com.example.tasks; its subpackages are admitted too)");
            }
        }
        return java.util.List.copyOf(packages);
    }

    /** Before each frame, with its length: no array in it can hold more elements than it has bytes. */
    void startFrame(int frameLength) {
        refsAtFrameStart = refsSeen;
        refusal = null;
        this.frameLength = frameLength;
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
        if (info.arrayLength() > frameLength) {
            return refuse("an array of " + info.arrayLength() + " elements in a frame of " + frameLength
                    + " bytes (each element takes at least one)");
        }
        if (info.serialClass() == null) {
            return Status.UNDECIDED;
        }
        Status classes = this.classes.checkInput(info);
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
