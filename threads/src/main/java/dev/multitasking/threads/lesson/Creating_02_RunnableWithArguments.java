package dev.multitasking.threads.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * <b>Creating threads: passing arguments.</b> Python writes {@code Thread(target=worker,
 * args=(i, dish))}. Java has two ways: a lambda that captures the arguments (they must be
 * effectively final: each thread gets its own copy of the value at the time of capture), or a
 * {@link Runnable} record whose components are the arguments, which also names the job in logs.
 * Subclassing {@code Thread} is not needed for either.
 *
 * <p>Then a contrast pair with the lecture's language. A Python lambda made in a loop reads the
 * loop variable when it runs, not when it was made (late binding): four threads made over
 * {@code i = 0..3} and started after the loop all append 3, the last value, unless the value is
 * bound when the lambda is made ({@code lambda i=i: ...}, or {@code args=(i,)}). Java cannot make
 * that mistake by accident: a lambda may only capture a variable that is never reassigned
 * (effectively final), and it captures its value, so the copy made in each pass is what each
 * thread sees. To get Python's behaviour in Java, share a mutable object on purpose, here a
 * one-element array written in every pass: every thread reads its last value. The Python half
 * runs {@code python3} when it is on the path, and says so when not.
 *
 * <p>Run: {@code ./primes demo creating-02}. Sample output (recorded by {@code ./primes demo --record}
 * on a 2-core AMD EPYC (AVX-512), JDK 25.0.3+9-LTS, 2026-12-02):
 * <pre>
 * order 0: ramen by lambda-cook-0
 * order 1: udon by record-cook-1
 * order 2: soba by lambda-cook-2
 * order 3: pho by record-cook-3
 * four threads made in a loop over i = 0..3, started after it; what they appended:
 *   Python, lambda: seen.append(i)             3 3 3 3
 *   Python, lambda i=i: seen.append(i)         0 1 2 3
 *   Java, () -&gt; seen.add(copy), copy = i       0 1 2 3
 *   Java, () -&gt; seen.add(box[0]), box[0] = i   3 3 3 3
 * </pre>
 */
public final class Creating_02_RunnableWithArguments {

    /** The lesson in one line, which {@code primes demo} prints before running it. */
    static final String CLAIM = "A thread's arguments travel in a lambda's captured variables or a Runnable's fields.";

    private Creating_02_RunnableWithArguments() {
    }

    /** A job with its arguments as components: {@code new Cook(2, "udon")}. */
    record Cook(int order, String dish, Map<Integer, String> served) implements Runnable {
        @Override
        public void run() {
            served.put(order, dish + " by " + Thread.currentThread().getName());
        }
    }

    /** Order number to what was served and by which thread. */
    static Map<Integer, String> serve(List<String> dishes) throws InterruptedException {
        Map<Integer, String> served = new ConcurrentHashMap<>();
        List<Thread> cooks = new ArrayList<>();
        for (int i = 0; i < dishes.size(); i++) {
            int order = i;                    // effectively final: the lambda captures this value
            String dish = dishes.get(i);
            if (i % 2 == 0) {
                cooks.add(Thread.ofPlatform().name("lambda-cook-" + order)
                        .start(() -> served.put(order, dish + " by " + Thread.currentThread().getName())));
            } else {
                cooks.add(Thread.ofPlatform().name("record-cook-" + order).start(new Cook(order, dish, served)));
            }
        }
        for (Thread cook : cooks) {
            cook.join();
        }
        return served;
    }

    /**
     * Four threads made in a loop over 0..3 and started after it; what each appended, sorted.
     * {@code shareTheVariable}: each lambda reads one array written in every pass (Python's late
     * binding, on purpose), else a copy made in its own pass.
     */
    static List<Integer> madeInALoop(boolean shareTheVariable) throws InterruptedException {
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        int[] box = new int[1];
        for (int i = 0; i < 4; i++) {
            box[0] = i;
            int copy = i;   // effectively final: this pass's value
            threads.add(Thread.ofPlatform().unstarted(shareTheVariable ? () -> seen.add(box[0]) : () -> seen.add(copy)));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return seen.stream().sorted().toList();
    }

    /** Python's two forms, threads made in a loop and started after it; it prints each form's name, then what its threads appended, sorted. */
    static final String PYTHON = String.join("\n",
            "import threading",
            "late = []",
            "for i in range(4):",
            "    late.append(threading.Thread(target=lambda: seen.append(i)))",
            "seen = []",
            "[t.start() for t in late]",
            "[t.join() for t in late]",
            "print('late', ' '.join(str(v) for v in sorted(seen)))",
            "bound = []",
            "for i in range(4):",
            "    bound.append(threading.Thread(target=lambda i=i: seen.append(i)))",
            "seen = []",
            "[t.start() for t in bound]",
            "[t.join() for t in bound]",
            "print('bound', ' '.join(str(v) for v in sorted(seen)))");

    /** Python's late-binding and bound lambdas, run by {@code python3}: "late 3 3 3 3", "bound 0 1 2 3"; empty without one. */
    static java.util.Optional<Map<String, String>> python() throws java.io.IOException, InterruptedException {
        java.util.Optional<java.nio.file.Path> python = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> java.nio.file.Path.of(dir, "python3")).filter(java.nio.file.Files::isExecutable).findFirst();
        if (python.isEmpty()) {
            return java.util.Optional.empty();
        }
        Process p = new ProcessBuilder(python.get().toString(), "-c", PYTHON).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("python3 failed: " + out);
            }
            Map<String, String> forms = new java.util.TreeMap<>();
            out.lines().map(l -> l.split(" ", 2)).filter(f -> f.length == 2).forEach(f -> forms.put(f[0], f[1]));
            return java.util.Optional.of(forms);
        } finally {
            p.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        Map<Integer, String> served = serve(List.of("ramen", "udon", "soba", "pho"));
        served.forEach((order, what) -> System.out.printf("order %d: %s%n", order, what));
        System.out.println("four threads made in a loop over i = 0..3, started after it; what they appended:");
        var python = python();
        if (python.isEmpty()) {
            System.out.println("  (no python3 on the path: Python's half is left out)");
        }
        python.ifPresent(forms -> {
            System.out.printf("  %-42s %s%n", "Python, lambda: seen.append(i)", forms.get("late"));
            System.out.printf("  %-42s %s%n", "Python, lambda i=i: seen.append(i)", forms.get("bound"));
        });
        System.out.printf("  %-42s %s%n", "Java, () -> seen.add(copy), copy = i", join(madeInALoop(false)));
        System.out.printf("  %-42s %s%n", "Java, () -> seen.add(box[0]), box[0] = i", join(madeInALoop(true)));
    }

    private static String join(List<Integer> values) {
        return String.join(" ", values.stream().map(String::valueOf).toList());
    }
}
