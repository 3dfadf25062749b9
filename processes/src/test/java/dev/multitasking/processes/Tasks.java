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
}
