package dev.multitasking.core.measure;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The order statistics of some measurements, the one place the project computes them: median,
 * range and percentiles, by the nearest-rank rule (the {@code p}-th percentile of {@code n}
 * sorted values is the one at index {@code min(n - 1, n * p / 100)}; the median of an even count
 * is the upper of the two middle values, a value that was measured rather than an average of two).
 *
 * @param sorted the values, ascending
 */
public record Summary(double[] sorted) {

    public Summary {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a summary needs at least one value");
        }
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    /** Of these values, in any order. */
    public static Summary of(Collection<? extends Number> values) {
        return new Summary(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** Of these values, in any order. */
    public static Summary of(double... values) {
        return new Summary(values);
    }

    /** The values, ascending; a copy, so the summary stays as it was made. */
    @Override
    public double[] sorted() {
        return sorted.clone();
    }

    public double median() {
        return percentile(50);
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    /** The {@code p}-th percentile, {@code 0 <= p <= 100}. */
    public double percentile(int p) {
        return sorted[rank(sorted.length, p)];
    }

    /** The {@code p}-th percentile of values already sorted ascending. */
    public static long percentile(long[] sortedValues, int p) {
        return sortedValues[rank(sortedValues.length, p)];
    }

    /** The median element of a list already sorted by what it measures. */
    public static <T> T median(List<T> sortedList) {
        return sortedList.get(rank(sortedList.size(), 50));
    }

    private static int rank(int n, int p) {
        if (n == 0 || p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " of " + n + " values");
        }
        return Math.min(n - 1, (int) ((long) n * p / 100));
    }

    /** Milliseconds as a figure with its range: {@code 12.3 ms (11.9-13.0)}, or in seconds from 1000 ms. */
    public String millisWithRange() {
        return median() >= 1000 ? String.format(Locale.ROOT, "%.2f s (%.2f-%.2f)", median() / 1000, min() / 1000, max() / 1000)
                : String.format(Locale.ROOT, "%.1f ms (%.1f-%.1f)", median(), min(), max());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Summary s && Arrays.equals(sorted, s.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "Summary" + Arrays.toString(sorted);
    }
}
