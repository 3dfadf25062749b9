package dev.multitasking.core.workload;

/**
 * What an oracle said about a run's results.
 *
 * @param ok     whether every result is right
 * @param detail the answer when right ({@code pi(1000000) = 78498}); otherwise the first wrong
 *               task, what it returned and what was expected
 */
public record Verdict(boolean ok, String detail) {

    public static Verdict right(String detail) {
        return new Verdict(true, detail);
    }

    public static Verdict wrong(String detail) {
        return new Verdict(false, detail);
    }
}
