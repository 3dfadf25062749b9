package dev.multitasking.processes;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import org.apache.commons.exec.environment.EnvironmentUtils;

/**
 * The project's one way to run a child process, on Apache Commons Exec: a Java {@code main} in a
 * new JVM ({@link #main}: the running JVM's own {@code java} and class path unless told otherwise)
 * or any program ({@link #program}: Python, primesieve, a shell); a watchdog, a bounded tail of
 * what the child printed, and a shutdown hook that destroys the child if this JVM exits first.
 * {@link Launched#destroyTree()} destroys a child's descendants too (a Python process pool's workers).
 *
 * <p>Two ways to talk to the child. By default its stdin ends at once (or after the bytes given to
 * {@link Builder#input}), and its stdout and stderr are read into tails, line by line. With {@link Builder#talk()}, the caller gets the child's stdin and
 * stdout as raw streams for a protocol of its own (only stderr is read into a tail): Commons
 * Exec's {@code PumpStreamHandler} would close the stdin of a child given no input, and its pump
 * buffers, so this class hands the pipes over itself.
 *
 * <pre>{@code
 * ChildProcess.Result r = ChildProcess.main(Hello.class).args("world").timeout(Duration.ofSeconds(30)).run();
 * ChildProcess.Result p = ChildProcess.program("python3", "--version").run();
 * }</pre>
 */
public final class ChildProcess {

    /** The most {@link Builder#input} takes: written in one go, it must fit the smallest pipe buffer. */
    static final int MAX_INPUT = 4096;

    /** One destroyer for every child of this JVM: a single shutdown hook, not one per child. */
    private static final ShutdownHookProcessDestroyer DESTROYER = new ShutdownHookProcessDestroyer();

    private ChildProcess() {
    }

    /** A child JVM that will run {@code mainClass}. */
    public static Builder main(Class<?> mainClass) {
        return new Builder(mainClass.getName(), null);
    }

    /** A child JVM that will run the class named {@code mainClass}. */
    public static Builder main(String mainClass) {
        return new Builder(Objects.requireNonNull(mainClass, "mainClass"), null);
    }

    /**
     * A child that runs {@code program} with {@code args}: a path, or a name looked up on the
     * {@code PATH} when the child starts ({@link #which}).
     */
    public static Builder program(String program, String... args) {
        return new Builder(null, Objects.requireNonNull(program, "program")).args(args);
    }

    /** Where {@code program} is on this process's {@code PATH}, if anywhere. */
    public static Optional<Path> which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * How a child ended.
     *
     * @param exitCode   its exit code (137 or 143 when killed by a signal on Linux)
     * @param killed     whether the watchdog or {@link Launched#destroy()} killed it: check this,
     *                   not only the exit code
     * @param stdoutTail the last lines it printed on stdout (empty when the caller talked to it)
     * @param stderrTail the last lines it printed on stderr
     */
    public record Result(int exitCode, boolean killed, List<String> stdoutTail, List<String> stderrTail) {
    }

    /** What to launch, and how. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {
        private final String mainClass;     // null for a program
        private final String program;       // null for a JVM
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classPath = System.getProperty("java.class.path");
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private Duration timeout;
        private int tailLines = 200;
        private boolean talk;
        private Consumer<String> stderrLines = line -> { };
        private Consumer<String> stdoutLines = line -> { };
        private Supplier<byte[]> input = () -> new byte[0];
        private String name;

        private Builder(String mainClass, String program) {
            this.mainClass = mainClass;
            this.program = program;
            this.name = mainClass == null ? Path.of(program).getFileName().toString() : "java-process";
        }

        public Builder java(Path javaBinary) {
            jvmOnly("java");
            this.java = javaBinary;
            return this;
        }

        public Builder classPath(String classPath) {
            jvmOnly("classPath");
            this.classPath = classPath;
            return this;
        }

        public Builder jvmOptions(String... options) {
            jvmOnly("jvmOptions");
            jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        /** Adds a variable to the inherited environment. */
        public Builder environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        /** The watchdog: the child is killed when it runs longer. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How many of the last output lines to keep, per stream. */
        public Builder tailLines(int lines) {
            this.tailLines = lines;
            return this;
        }

        /** Each stderr line as it arrives (the tail keeps them too). */
        public Builder onStderr(Consumer<String> lines) {
            this.stderrLines = lines;
            return this;
        }

        /** Each stdout line as it arrives (the tail keeps them too); not with {@link #talk()}. */
        public Builder onStdout(Consumer<String> lines) {
            this.stdoutLines = lines;
            return this;
        }

        /**
         * What the child reads on stdin, after which its stdin ends (by default it ends at once);
         * not with {@link #talk()}. A secret handed this way appears in no command line and no
         * environment.
         */
        public Builder input(byte[] bytes) {
            checkInput(bytes);
            byte[] copy = bytes.clone();
            this.input = () -> copy;
            return this;
        }

        /**
         * Like {@link #input(byte[])}, with bytes made once the child has started, on the thread
         * that hands over its pipes: what is costly to make (a secret from a fresh
         * {@code SecureRandom}, say) then overlaps the child's start instead of delaying it.
         */
        public Builder input(Supplier<byte[]> bytes) {
            Objects.requireNonNull(bytes);
            this.input = () -> checkInput(bytes.get());
            return this;
        }

        private static byte[] checkInput(byte[] bytes) {
            if (bytes.length > MAX_INPUT) {
                throw new IllegalArgumentException("input is for a few bytes (at most " + MAX_INPUT + ", a page of pipe buffer); got " + bytes.length);
            }
            return bytes;
        }

        /** Names the threads that watch the child. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Hand the child's stdin and stdout to the caller instead of closing and reading them. */
        public Builder talk() {
            this.talk = true;
            return this;
        }

        private void jvmOnly(String what) {
            if (mainClass == null) {
                throw new IllegalStateException(what + " is for a child JVM, not for " + program);
            }
        }

        /** The command line this builder runs. */
        public List<String> command() {
            List<String> command = new ArrayList<>();
            if (mainClass == null) {
                command.add(program.contains(File.separator) ? program : which(program).map(Path::toString).orElse(program));
                command.addAll(args);
                return command;
            }
            command.add(java.toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
            command.addAll(args);
            return command;
        }

        /** Starts the child; returns once it is running. */
        public Launched start() throws IOException {
            return new Launched(this);
        }

        /** Starts the child and waits for it to end. */
        public Result run() throws IOException, InterruptedException {
            try (Launched child = start()) {
                return child.await();
            }
        }
    }

    /** A started child. Close it to destroy it (if still running) and wait for it. */
    public static final class Launched implements AutoCloseable {
        private final Tail stdoutTail;
        private final Tail stderrTail;
        private final ExecuteWatchdog watchdog;
        private final CompletableFuture<Process> process = new CompletableFuture<>();
        private final CompletableFuture<Result> completion = new CompletableFuture<>();
        private final CompletableFuture<OutputStream> stdin = new CompletableFuture<>();
        private final CompletableFuture<InputStream> stdout = new CompletableFuture<>();
        private final AtomicBoolean destroyed = new AtomicBoolean();

        private Launched(Builder b) throws IOException {
            stdoutTail = new Tail(b.tailLines);
            stderrTail = new Tail(b.tailLines);
            List<String> parts = b.command();
            CommandLine command = new CommandLine(parts.get(0));
            for (String part : parts.subList(1, parts.size())) {
                command.addArgument(part, false);
            }
            watchdog = ExecuteWatchdog.builder()
                    .setTimeout(b.timeout == null ? ExecuteWatchdog.INFINITE_TIMEOUT_DURATION : b.timeout)
                    .setThreadFactory(Thread.ofPlatform().name(b.name + "-watchdog").daemon().factory())
                    .get();
            DefaultExecutor.Builder<?> executorBuilder = DefaultExecutor.builder()
                    .setExecuteStreamHandler(new Streams(b))
                    .setThreadFactory(Thread.ofPlatform().name(b.name + "-exec").factory());
            if (b.workingDirectory != null) {
                executorBuilder.setWorkingDirectory(b.workingDirectory.toFile());
            }
            DefaultExecutor executor = executorBuilder.get();
            executor.setExitValues(null);   // any exit code is a result, not an exception
            executor.setWatchdog(watchdog);
            executor.setProcessDestroyer(new Tracking());
            Map<String, String> env = EnvironmentUtils.getProcEnvironment();
            env.putAll(b.environment);
            executor.execute(command, env, new ExecuteResultHandler() {
                @Override
                public void onProcessComplete(int exitValue) {
                    finish(exitValue);
                }

                @Override
                public void onProcessFailed(ExecuteException e) {
                    if (!process.isDone()) {   // never started: say why
                        process.completeExceptionally(e);
                        stdin.completeExceptionally(e);
                        stdout.completeExceptionally(e);
                        completion.completeExceptionally(e);
                        return;
                    }
                    finish(e.getExitValue());
                }
            });
            try {
                process.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
                throw new IOException("interrupted while starting " + parts.get(0), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("could not start " + String.join(" ", parts) + ": " + e.getCause(), e);
            }
        }

        private void finish(int exitCode) {
            completion.complete(new Result(exitCode, destroyed.get() || watchdog.killedProcess(),
                    stdoutTail.lines(), stderrTail.lines()));
        }

        /** The child's process id. */
        public long pid() {
            return process.join().pid();
        }

        /** The child's process, for what this class does not wrap (its {@link ProcessHandle}, say). */
        public ProcessHandle handle() {
            return process.join().toHandle();
        }

        /** The child's stdin; only with {@link Builder#talk()}. */
        public OutputStream stdin() {
            return stdin.join();
        }

        /** The child's stdout; only with {@link Builder#talk()}. */
        public InputStream stdout() {
            return stdout.join();
        }

        /** The last lines the child wrote on stderr so far. */
        public List<String> stderrTail() {
            return stderrTail.lines();
        }

        /** Completes when the child has ended and its output has been read. */
        public CompletableFuture<Result> completion() {
            return completion;
        }

        public boolean isAlive() {
            return !completion.isDone();
        }

        /** Waits for the child to end. */
        public Result await() throws InterruptedException {
            try {
                return completion.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the child failed to run", e.getCause());
            }
        }

        /**
         * Kills the child (SIGKILL); {@link Result#killed()} will say so. Its own children live on,
         * adopted by another process: a child JVM's workers, say, which notice and end by themselves.
         */
        public void destroy() {
            destroyed.set(true);
            process.thenAccept(Process::destroyForcibly);
        }

        /** Kills the child's descendants, then the child (SIGKILL): a program whose own children would not notice. */
        public void destroyTree() {
            destroyed.set(true);
            process.thenAccept(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        }

        @Override
        public void close() {
            if (isAlive()) {
                destroy();
            }
            boolean interrupted = false;
            while (true) {
                try {
                    completion.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Registers the child with the JVM-wide destroyer, and learns its {@link Process} on the way. */
        private final class Tracking implements ProcessDestroyer {
            @Override
            public boolean add(Process p) {
                process.complete(p);
                return DESTROYER.add(p);
            }

            @Override
            public boolean remove(Process p) {
                return DESTROYER.remove(p);
            }

            @Override
            public int size() {
                return DESTROYER.size();
            }
        }

        /**
         * The child's three pipes. Talking: stdin and stdout go to the caller. Otherwise stdin is
         * closed and stdout is read into its tail. Stderr is always read into its tail, a line at
         * a time, so a chatty child never blocks on a full pipe.
         */
        private final class Streams implements ExecuteStreamHandler {
            private final boolean talk;
            private final String name;
            private final Consumer<String> stderrLines;
            private final Consumer<String> stdoutLines;
            private final Supplier<byte[]> input;
            private final List<Thread> readers = new ArrayList<>();
            private InputStream out;
            private InputStream err;

            Streams(Builder b) {
                this.talk = b.talk;
                this.name = b.name;
                this.stderrLines = b.stderrLines;
                this.stdoutLines = b.stdoutLines;
                this.input = b.input;
            }

            @Override
            public void setProcessInputStream(OutputStream childStdin) throws IOException {
                if (talk) {
                    stdin.complete(childStdin);
                    return;
                }
                try (childStdin) {
                    childStdin.write(input.get());   // small: fits the pipe, so this never blocks
                } catch (IOException childGone) {
                    // it ended before reading: its exit code says why
                }
            }

            @Override
            public void setProcessOutputStream(InputStream childStdout) {
                if (talk) {
                    stdout.complete(childStdout);
                } else {
                    out = childStdout;
                }
            }

            @Override
            public void setProcessErrorStream(InputStream childStderr) {
                err = childStderr;
            }

            @Override
            public void start() {
                if (out != null) {
                    readers.add(Thread.ofPlatform().name(name + "-stdout").daemon().start(() -> readLines(out, stdoutTail, stdoutLines)));
                }
                readers.add(Thread.ofPlatform().name(name + "-stderr").daemon().start(() -> readLines(err, stderrTail, stderrLines)));
            }

            @Override
            public void stop() {
                // Called once the child has exited: its pipes reach end of file, unless a process it started
                // holds them open (a grandchild that inherited fd 1 or 2), which no one here can kill any more
                // (it has a new parent). Its readers are daemons and end when the pipe does: they are waited
                // for a moment, for the child's last words, not for as long as the grandchild lives.
                long deadline = System.nanoTime() + READERS_GRACE.toNanos();
                for (Thread reader : readers) {
                    try {
                        reader.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** How long an ended child's output is read on for, at most, before its result is given. */
    static final Duration READERS_GRACE = Duration.ofSeconds(2);

    /**
     * The most characters of one line that are kept, logged or passed on: a child that writes
     * 600 MiB without a newline must not fill this JVM's heap with one string. The rest of such
     * a line is read and counted, not kept.
     */
    static final int MAX_LINE = 8 * 1024;

    /** Reads lines (ended by a newline, an optional carriage return before it dropped), each cut to {@link #MAX_LINE}. */
    private static void readLines(InputStream in, Tail tail, Consumer<String> each) {
        try (java.io.Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder();
            long cut = 0;
            for (int n; (n = reader.read(buffer)) != -1; ) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        emit(line, cut, tail, each);
                        line.setLength(0);
                        cut = 0;
                    } else if (line.length() < MAX_LINE) {
                        line.append(c);
                    } else {
                        cut++;
                    }
                }
            }
            if (!line.isEmpty() || cut > 0) {
                emit(line, cut, tail, each);
            }
        } catch (IOException e) {
            // The pipe broke with the child: what was read is in the tail.
        }
    }

    private static void emit(StringBuilder line, long cut, Tail tail, Consumer<String> each) {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        String text = line.substring(0, end) + (cut > 0 ? " ... (" + cut + " more characters)" : "");
        tail.add(text);
        each.accept(text);
    }

    /** The last N lines, thread-safe. */
    private static final class Tail {
        private final int keep;
        private final Deque<String> lines = new ArrayDeque<>();

        Tail(int keep) {
            this.keep = Math.max(0, keep);
        }

        synchronized void add(String line) {
            if (keep == 0) {
                return;
            }
            if (lines.size() == keep) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
