package dev.multitasking.core.measure;

import java.util.List;

/**
 * Amdahl's law fitted to measured speedups: a run that is a fraction {@code f} serial reaches
 * at most {@code 1 / (f + (1 - f) / n)} on {@code n} workers. Written as
 * {@code 1/S - 1/n = f (1 - 1/n)}, it is a line through the origin, and least squares gives
 * {@code f} directly; each measured point ({@code n}, speedup) pulls on it.
 *
 * @param serialFraction the fitted {@code f}, clamped to [0, 1]
 * @param points         how many measurements with {@code n >= 2} it rests on
 */
public record Amdahl(double serialFraction, int points) {

    /** One measurement: {@code workers} workers reached {@code speedup} over one. */
    public record Point(int workers, double speedup) {
    }

    /**
     * Fits {@code f} to the points with at least 2 workers and a positive speedup.
     *
     * @throws IllegalArgumentException when no such point exists
     */
    public static Amdahl fit(List<Point> measured) {
        double xy = 0;
        double xx = 0;
        int used = 0;
        for (Point p : measured) {
            if (p.workers() < 2 || !(p.speedup() > 0)) {
                continue;
            }
            double x = 1 - 1.0 / p.workers();
            double y = 1 / p.speedup() - 1.0 / p.workers();
            xy += x * y;
            xx += x * x;
            used++;
        }
        if (used == 0) {
            throw new IllegalArgumentException("Amdahl's fraction needs a speedup measured on 2 or more workers");
        }
        return new Amdahl(Math.min(1, Math.max(0, xy / xx)), used);
    }

    /** The speedup the law predicts on {@code workers} workers. */
    public double predict(int workers) {
        return 1 / (serialFraction + (1 - serialFraction) / workers);
    }
}
