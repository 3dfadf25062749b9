package dev.multitasking.profiling.lesson;

/**
 * Runs profiling-02's naive loop twice in a JVM of its own and prints both totals, in nanoseconds
 * per call: the lesson's claim is about a JVM whose JIT has not yet compiled these methods, which
 * a test JVM that has run other tests cannot promise.
 */
public final class NaivePasses {

    private NaivePasses() {
    }

    public static void main(String[] args) {
        double first = Profiling_02_TimeitTheEightWays.naive(20_000).values().stream().mapToDouble(Double::doubleValue).sum();
        double second = Profiling_02_TimeitTheEightWays.naive(20_000).values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.println(first + " " + second);
    }
}
