package dev.multitasking.core.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Splits [from, to) into contiguous parts whose sizes differ by at most one. */
final class Ranges {

    private Ranges() {
    }

    static <R> List<R> split(long from, long to, int parts, BiFunction<Long, Long, R> part) {
        long size = to - from;
        List<R> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            long lo = from + size / parts * i + Math.min(i, size % parts);
            long hi = from + size / parts * (i + 1) + Math.min(i + 1, size % parts);
            out.add(part.apply(lo, hi));
        }
        return out;
    }
}
