package dev.multitasking.processes;

import dev.multitasking.core.Task;

/** Tasks the process pool tests send to worker JVMs. */
final class Tasks {

    private Tasks() {
    }

    /** The worker's pid. */
    record WhoAmI() implements Task<Long> {
        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }

    record Square(int n) implements Task<Integer> {
        @Override
        public Integer call() {
            return n * n;
        }
    }

    record Fails(String message) implements Task<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException(message);
        }
    }

    /** Ends the worker JVM mid-task. */
    record Exit(int code) implements Task<Integer> {
        @Override
        public Integer call() {
            System.err.println("exiting with " + code);
            System.exit(code);
            return code;
        }
    }

    /**
     * Writes a reply of its own onto its worker's socket, then returns: what a task with
     * reflection (its JVM opened {@code java.lang} to it) can do. It finds the channel's stream
     * in the heartbeat thread and writes, under the same lock, a value reply for a task id it
     * made up.
     */
    record ForgesAReply(long madeUpId, int forgedValue) implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            Thread heartbeat = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("multitasking-heartbeat"))
                    .findFirst().orElseThrow();
            java.lang.reflect.Field holder = Thread.class.getDeclaredField("holder");
            holder.setAccessible(true);
            Object h = holder.get(heartbeat);
            java.lang.reflect.Field runnable = h.getClass().getDeclaredField("task");
            runnable.setAccessible(true);
            Object beat = runnable.get(h);
            java.io.OutputStream out = null;
            for (java.lang.reflect.Field f : beat.getClass().getDeclaredFields()) {
                if (java.io.OutputStream.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    out = (java.io.OutputStream) f.get(beat);
                }
            }
            synchronized (java.util.Objects.requireNonNull(out, "no stream in the heartbeat")) {
                Frames.write(out, new Frames.Encoder().value(madeUpId, forgedValue));
            }
            return -1;
        }
    }

    /**
     * Holds its whole JVM at a safepoint for seconds while computing: a thread that allocates
     * asks for collections, and this task's thread runs a long counted loop, which C2 compiles
     * without a safepoint poll under the serial collector (the workers' default); every other
     * thread, the heartbeat's too, waits until the loop ends. Returns the longest time, in ms,
     * the allocating thread was held.
     */
    record StallsSafepoints(int rounds) implements Task<Long> {
        @Override
        public Long call() throws Exception {
            for (int k = 0; k < 20_000; k++) {
                spin(1, 1_000);   // compiled by C2 before the long call
            }
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();
            Thread allocator = Thread.ofPlatform().daemon().start(() -> {
                java.util.List<byte[]> kept = new java.util.ArrayList<>();
                long last = System.nanoTime();
                while (!done.get()) {
                    kept.add(new byte[64 * 1024]);
                    if (kept.size() > 64) {
                        kept.clear();
                    }
                    long now = System.nanoTime();
                    longest.accumulateAndGet(now - last, Math::max);
                    last = now;
                }
            });
            Thread.sleep(50);
            int x = spin(rounds, Integer.MAX_VALUE);
            done.set(true);
            allocator.join();
            return longest.get() / 1_000_000 + (x == 1 ? 1 : 0);
        }

        static int spin(int rounds, int n) {
            int x = 0;
            for (int j = 0; j < rounds; j++) {
                for (int i = 0; i < n; i++) {
                    x = x * 31 + i;
                }
            }
            return x;
        }
    }

    /** Sleeps, then answers its pid. */
    record Sleep(long millis) implements Task<Long> {
        @Override
        public Long call() throws InterruptedException {
            Thread.sleep(millis);
            return ProcessHandle.current().pid();
        }
    }

    /** Returns something that cannot be serialized back. */
    record Unserializable() implements Task<Object> {
        @Override
        public Object call() {
            return new Object();
        }
    }

    /** Prints on stdout, which the worker has pointed at stderr: the protocol must survive it. */
    record Prints(String text) implements Task<String> {
        @Override
        public String call() {
            System.out.println(text);
            System.out.print("no newline, and a partial frame header \u0000\u0000");
            return "printed";
        }
    }

    /** Carries a value of a class the filter does not admit. */
    record Smuggles(Object payload) implements Task<String> {
        @Override
        public String call() {
            return "ran with " + payload;
        }
    }

    /** Returns what it carries: a value makes the trip twice. */
    record Echo(Object value) implements Task<Object> {
        @Override
        public Object call() {
            return value;
        }
    }

    /** Returns a value of a class the parent's filter does not admit. */
    record ReturnsSmuggled() implements Task<Object> {
        @Override
        public Object call() throws Exception {
            return new javax.management.ObjectName("d:type=x");
        }
    }

    /** Throws an exception that holds something that cannot be serialized. */
    record FailsUnserializably() implements Task<Integer> {
        @Override
        public Integer call() {
            throw new HoldsAnObject("cannot travel as it is");
        }
    }

    static final class HoldsAnObject extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings({"serial", "unused"})
        private final Object held = new Object();

        HoldsAnObject(String message) {
            super(message);
        }
    }

    /** Marks the worker as initialized. */
    record Initialize() implements Task<Void> {
        @Override
        public Void call() {
            System.setProperty("multitasking.test.initialized", "yes " + ProcessHandle.current().pid());
            return null;
        }
    }

    /** What the initializer left in this worker. */
    record ReadInitialized() implements Task<String> {
        @Override
        public String call() {
            return System.getProperty("multitasking.test.initialized", "no");
        }
    }

    /** Allocates until the heap is gone. */
    record Hog() implements Task<Integer> {
        @Override
        public Integer call() {
            java.util.List<long[]> hoard = new java.util.ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        }
    }

    /**
     * Writes to fd 1 what the old channel would have taken for a reply: a well-formed frame
     * answering 999, a few binary bytes, a bare length header; then answers {@code n}.
     */
    record ForgesReplies(int n) implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            java.io.FileOutputStream fd1 = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            java.io.DataOutputStream out = new java.io.DataOutputStream(fd1);
            out.writeInt(10);
            out.writeByte('V');
            out.writeByte('l');
            out.writeLong(999);
            out.write(new byte[] {0, 1, 2, (byte) 0xff, '\n'});
            out.writeInt(1 << 20);
            out.flush();
            System.out.println("and some text");
            return n;
        }
    }

    /** Reads stdin: answers what the first read returned (-1: end of stream). */
    record ReadsStdin() implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            return System.in.read();
        }
    }

    /** Leaves a daemon thread behind that keeps writing binary frames to fd 1 for a while; answers at once. */
    record LeavesAChattyThread(long millis) implements Task<String> {
        @Override
        public String call() {
            Thread.ofPlatform().daemon().start(() -> {
                java.io.FileOutputStream fd1 = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                long end = System.nanoTime() + millis * 1_000_000;
                try {
                    while (System.nanoTime() < end) {
                        fd1.write(new byte[] {0, 0, 0, 2, 'V', 'n'});
                        fd1.flush();
                    }
                } catch (java.io.IOException e) {
                    // stdout closed: nothing more to write
                }
            });
            return "left";
        }
    }

    /** Starts a child JVM that inherits fd 1 and writes a forged frame there; answers the child's exit code. */
    record ChildInheritsStdout() implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            String javaBinary = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"), ChildMains.ForgesAFrame.class.getName())
                    .inheritIO().start().waitFor();
        }
    }

    /**
     * Starts a grandchild ({@code sleep 60}) that inherits the worker's stdout and stderr, notes
     * its pid in {@code marks}, then ends its worker with {@code System.exit(3)}, or sleeps (for a
     * time limit to kill the worker).
     */
    record StartsAGrandchild(String marks, boolean exit) implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            Process sleeper = new ProcessBuilder("sleep", "60").inheritIO().start();
            java.nio.file.Files.writeString(java.nio.file.Path.of(marks, "grandchild"), Long.toString(sleeper.pid()));
            if (exit) {
                System.exit(3);
            }
            Thread.sleep(60_000);
            return 0;
        }
    }

    /** A value whose serialization throws. */
    static final class WontWrite implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(java.io.ObjectOutputStream out) {
            throw new IllegalStateException("writeObject refuses");
        }
    }

    /** Returns a value whose writeObject throws. */
    record ReturnsWontWrite() implements Task<Object> {
        @Override
        public Object call() {
            return new WontWrite();
        }
    }

    /** Throws an exception whose writeObject throws. */
    record ThrowsWontWrite() implements Task<Object> {
        @Override
        public Object call() {
            throw new WontWriteException();
        }
    }

    static final class WontWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WontWriteException() {
            super("an exception that will not be written");
        }

        private void writeObject(java.io.ObjectOutputStream out) {
            throw new IllegalStateException("writeObject refuses");
        }
    }

    /** Returns {@code bytes} bytes. */
    record Bytes(int bytes) implements Task<byte[]> {
        @Override
        public byte[] call() {
            return new byte[bytes];
        }
    }

    /** Sets nested {@code levels} deep, each level two sets sharing the level below: cheap to send, 2^levels to hash on arrival. */
    static java.util.Set<Object> nestedSets(int levels) {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < levels; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /**
     * A set holding a list of {@code fanOut} references to one list, itself a list of as many
     * references to one list, {@code levels} deep: about {@code levels x fanOut} references to
     * send, {@code fanOut^levels} steps to hash on arrival (the set hashes the list, and a list's
     * hash visits every element as often as it is referenced).
     */
    static java.util.Set<Object> sharedLists(int levels, int fanOut) {
        java.util.List<Object> list = new java.util.ArrayList<>(java.util.List.of("x"));
        for (int i = 0; i < levels - 1; i++) {
            java.util.List<Object> up = new java.util.ArrayList<>();
            for (int j = 0; j < fanOut; j++) {
                up.add(list);
            }
            list = up;
        }
        // The top list goes into the set while empty, and is filled after: building the value never hashes it.
        java.util.List<Object> top = new java.util.ArrayList<>();
        java.util.Set<Object> set = new java.util.HashSet<>();
        set.add(top);
        for (int j = 0; j < fanOut; j++) {
            top.add(list);
        }
        return set;
    }

    /** Returns {@link #sharedLists} of 19 levels of 6: a value of about 1 KB that hashes in 6^19 steps. */
    record ReturnsSharedLists(int levels) implements Task<Object> {
        @Override
        public Object call() {
            return sharedLists(levels, 6);
        }
    }

    /**
     * Leaves a thread that never ends (not a daemon), then returns {@code megabytes} of arrays:
     * in a small heap, serializing them runs out of memory.
     */
    record LeavesAThreadThenReturnsTooMuch(int megabytes) implements Task<Object> {
        @Override
        public Object call() {
            Thread.ofPlatform().daemon(false).start(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            java.util.List<byte[]> arrays = new java.util.ArrayList<>();
            for (int i = 0; i < megabytes; i++) {
                arrays.add(new byte[1 << 20]);
            }
            return arrays;
        }
    }

    /** Writes {@code megabytes} to stderr with no newline, then halts the worker with exit code 3. */
    record ShoutsWithoutNewlineThenHalts(int megabytes) implements Task<Integer> {
        @Override
        public Integer call() {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < megabytes; i++) {
                System.err.write(chunk, 0, chunk.length);
            }
            System.err.flush();
            Runtime.getRuntime().halt(3);
            return 0;
        }
    }

    /**
     * Returns its worker's pid, leaving a thread that, {@code millis} later, halts the worker
     * ({@code halt}) or interrupts its main thread (which ends a worker waiting for its next task).
     */
    record LeavesATimeBomb(long millis, boolean halt) implements Task<Long> {
        @Override
        public Long call() {
            Thread main = Thread.currentThread();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                if (halt) {
                    Runtime.getRuntime().halt(0);
                } else {
                    main.interrupt();
                }
            });
            return ProcessHandle.current().pid();
        }
    }

    /** Returns sets nested {@code levels} deep. */
    record ReturnsNestedSets(int levels) implements Task<Object> {
        @Override
        public Object call() {
            return nestedSets(levels);
        }
    }

    /** Busy until killed, after leaving a file saying so in {@code dir}. */
    record SpinsAfterMarking(String dir) implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "busy-" + ProcessHandle.current().pid()), "");
            long x = 0;
            while (true) {
                x += System.nanoTime() % 7;
                if (x == Long.MIN_VALUE) {
                    return 0;
                }
            }
        }
    }

    /** Sleeps until killed, after leaving a file saying so in {@code dir}. */
    record SleepsAfterMarking(String dir) implements Task<Integer> {
        @Override
        public Integer call() throws Exception {
            java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "sleeping-" + ProcessHandle.current().pid()), "");
            Thread.sleep(Long.MAX_VALUE);
            return 0;
        }
    }

    /** Keeps {@code megabytes} more of heap reachable in its worker for good: a worker whose memory grows task by task. */
    record Hoards(int megabytes) implements Task<Integer> {
        private static final java.util.List<byte[]> KEPT = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            for (int i = 0; i < megabytes; i++) {
                byte[] mb = new byte[1 << 20];
                java.util.Arrays.fill(mb, (byte) 1);   // touched: resident, not just reserved
                KEPT.add(mb);
            }
            return KEPT.size();
        }
    }

    /** Halts its worker the first time (it leaves a mark in {@code dir}), returns its pid the next: a Retryable task whose first worker dies. */
    record DiesOnceThenAnswers(String dir) implements Task<Long>, Retryable {
        @Override
        public Long call() throws java.io.IOException {
            java.nio.file.Path mark = java.nio.file.Path.of(dir, "died");
            if (!java.nio.file.Files.exists(mark)) {
                java.nio.file.Files.createFile(mark);
                Runtime.getRuntime().halt(7);
            }
            return ProcessHandle.current().pid();
        }

        @Override
        public int retries() {
            return 2;
        }
    }

    /** Halts its worker every time, and says it may be retried twice. */
    record AlwaysDies() implements Task<Integer>, Retryable {
        @Override
        public Integer call() {
            Runtime.getRuntime().halt(7);
            return 0;
        }

        @Override
        public int retries() {
            return 2;
        }
    }
}
