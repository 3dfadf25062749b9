package dev.multitasking.profiling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import one.profiler.AsyncProfiler;

/**
 * Profiles any code, the way the lecture's cProfile and line_profiler do for Python, with two
 * samplers side by side: async-profiler (its native library, see {@link AsyncProfilerLibrary})
 * gives the flame graph and the collapsed stacks, from which come the top methods by self and
 * by total samples (cProfile's {@code tottime} and {@code cumtime}); the JDK's own Flight
 * Recorder gives each sample's source line (async-profiler's collapsed stacks have none), from
 * which come the hottest lines (what line_profiler shows).
 *
 * <pre>{@code
 * Profiler.Profile<Long> p = Profiler.profile("cpu", Path.of("target/profile"), "seed", () -> work());
 * System.out.print(p.summary().format(5));   // p.flameGraph() is an HTML file to open
 * }</pre>
 *
 * <p>One profile at a time per JVM: async-profiler is one per process.
 */
public final class Profiler {

    private static final Object ONE_AT_A_TIME = new Object();

    private Profiler() {
    }

    /** What profiling returned: the work's value, the files written, and the summary. */
    public record Profile<T>(T value, Path flameGraph, Path collapsed, Summary summary) {
    }

    /** A method and its samples. */
    public record MethodCount(String method, long samples, double percent) {
    }

    /** A source line and its samples (the line the sample was on, at the top of its stack). */
    public record LineCount(String method, int line, long samples, double percent) {
    }

    /**
     * The numbers a reader wants first.
     *
     * @param samples      async-profiler's samples in all
     * @param bySelf       methods by samples where they were on top of the stack (their own code)
     * @param byTotal      methods by samples where they were anywhere on the stack (they or what they called)
     * @param hottestLines source lines by JFR samples on top of the stack
     */
    public record Summary(long samples, List<MethodCount> bySelf, List<MethodCount> byTotal, List<LineCount> hottestLines) {

        /** The same summary, its lists cut to the methods whose names start with {@code prefix}. */
        public Summary only(String prefix) {
            return new Summary(samples, bySelf.stream().filter(m -> m.method().startsWith(prefix)).toList(),
                    byTotal.stream().filter(m -> m.method().startsWith(prefix)).toList(),
                    hottestLines.stream().filter(l -> l.method().startsWith(prefix)).toList());
        }

        /** The first {@code n} of each list as text. */
        public String format(int n) {
            StringBuilder out = new StringBuilder();
            out.append(samples).append(" samples\n\nself (the method's own code)\n");
            bySelf.stream().limit(n).forEach(m -> out.append(String.format("  %6.2f%%  %s%n", m.percent(), m.method())));
            out.append("\ntotal (the method and what it called)\n");
            byTotal.stream().limit(n).forEach(m -> out.append(String.format("  %6.2f%%  %s%n", m.percent(), m.method())));
            out.append("\nhottest lines\n");
            hottestLines.stream().limit(n).forEach(l -> out.append(String.format("  %6.2f%%  %s:%d%n", l.percent(), l.method(), l.line())));
            return out.toString();
        }
    }

    /**
     * Runs {@code work} under both samplers and writes {@code <name>.html} (the flame graph) and
     * {@code <name>.collapsed} into {@code dir}.
     *
     * @param event what async-profiler samples: {@code cpu}, {@code wall}, {@code itimer}, {@code alloc}, ...
     * @throws IllegalArgumentException when async-profiler does not know the event or cannot use it here
     */
    public static <T> Profile<T> profile(String event, Path dir, String name, Callable<T> work) throws Exception {
        if (!event.matches("[a-zA-Z0-9_.:-]+")) {
            throw new IllegalArgumentException("bad event '" + event + "': one word such as cpu, wall, itimer or alloc");
        }
        Files.createDirectories(dir);
        Path html = dir.resolve(name + ".html");
        Path collapsed = dir.resolve(name + ".collapsed");
        // Each file is written under a fresh name of its own and moved onto its name: a link planted
        // there is replaced, never followed.
        Path jfr = Files.createTempFile(dir, "." + name, ".jfr");
        synchronized (ONE_AT_A_TIME) {
            AsyncProfiler profiler = AsyncProfiler.getInstance(AsyncProfilerLibrary.path().toString());
            T value;
            try (Recording lines = new Recording()) {
                lines.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
                try {
                    profiler.execute("start,event=" + event + ",interval=1ms");
                } catch (IllegalStateException | IOException e) {
                    throw new IllegalArgumentException("async-profiler cannot sample '" + event + "' here: " + e.getMessage(), e);
                }
                lines.start();
                try {
                    value = work.call();
                } finally {
                    lines.stop();
                    profiler.execute("stop");
                }
                lines.dump(jfr);
            }
            Path htmlPart = Files.createTempFile(dir, "." + name, ".html");
            try {
                profiler.execute("flamegraph,title=" + name + ",file=" + htmlPart);
                Files.move(htmlPart, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(htmlPart);
            }
            String stacks = profiler.execute("collapsed");
            Path collapsedPart = Files.createTempFile(dir, "." + name, ".collapsed");
            try {
                Files.writeString(collapsedPart, stacks, StandardCharsets.UTF_8);
                Files.move(collapsedPart, collapsed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(collapsedPart);
            }
            List<LineCount> hottest;
            try {
                hottest = hottestLines(jfr);
            } finally {
                Files.deleteIfExists(jfr);
            }
            return new Profile<>(value, html, collapsed, summarize(stacks, hottest));
        }
    }

    /** Self and total samples per method from collapsed stacks ({@code frame;frame;frame count} per line). */
    static Summary summarize(String collapsedStacks, List<LineCount> hottestLines) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        long samples = 0;
        for (String line : collapsedStacks.lines().toList()) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).strip());
            String[] frames = line.substring(0, space).split(";");
            samples += count;
            self.merge(readable(frames[frames.length - 1]), count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String f : frames) {
                if (seen.add(readable(f))) {
                    total.merge(readable(f), count, Long::sum);
                }
            }
        }
        return new Summary(samples, ranked(self, samples), ranked(total, samples), hottestLines);
    }

    /** {@code java/lang/String.indexOf} as {@code java.lang.String.indexOf}; native frames as they are. */
    private static String readable(String frame) {
        return frame.replace('/', '.');
    }

    private static List<MethodCount> ranked(Map<String, Long> counts, long samples) {
        return counts.entrySet().stream()
                .map(e -> new MethodCount(e.getKey(), e.getValue(), samples == 0 ? 0 : 100.0 * e.getValue() / samples))
                .sorted(Comparator.comparingLong(MethodCount::samples).reversed().thenComparing(MethodCount::method))
                .toList();
    }

    /** Top-of-stack source lines of the JFR execution samples. */
    private static List<LineCount> hottestLines(Path jfr) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                    || e.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = e.getStackTrace().getFrames().getFirst();
            samples++;
            counts.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName() + ":" + top.getLineNumber(), 1L, Long::sum);
        }
        List<LineCount> lines = new ArrayList<>();
        for (var entry : counts.entrySet()) {
            int colon = entry.getKey().lastIndexOf(':');
            lines.add(new LineCount(entry.getKey().substring(0, colon), Integer.parseInt(entry.getKey().substring(colon + 1)),
                    entry.getValue(), 100.0 * entry.getValue() / samples));
        }
        lines.sort(Comparator.comparingLong(LineCount::samples).reversed().thenComparing(LineCount::method));
        return List.copyOf(lines);
    }
}
