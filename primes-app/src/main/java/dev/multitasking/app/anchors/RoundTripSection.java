package dev.multitasking.app.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multitasking.core.measure.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A trivial task's round trip on a warm pool of one worker process: the project's pool against Python's four. */
final class RoundTripSection implements Section {

    /** Python's {@code multiprocessing.Pool.apply} over the project's round trip: above 1, the project's is faster. */
    static final Target AGAINST_APPLY = Target.atLeast("`multiprocessing.Pool.apply`'s round trip over this project's pool's", 1, "x");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        int trips = run.sizes().trips();
        md.section("Process pools: the round trip of a trivial task on a warm pool of one worker process");
        List<Side> sides = new ArrayList<>();
        sides.add(new Side("Java", "`ProcessPoolExecutor` (this project)", () -> FigureJvm.measure("seed", "processes", 1, "roundtrip:" + trips, "")));
        for (String[] pool : new String[][] {{"apply", "`multiprocessing.Pool.apply`"}, {"futures", "`concurrent.futures.ProcessPoolExecutor`"},
                {"loky", "loky (`joblib`)"}, {"pebble", "pebble `ProcessPool`"}}) {
            sides.add(new Side("Python", pool[1], () -> {
                JsonNode out = run.best().call("roundtrip", pool[0], Integer.toString(trips), "1", "1");
                // Percentiles, taken by the script: the trips themselves make a line past what a child's line may be.
                return new Measure(out.get("median_micros").asDouble(), out.get("p99_micros").asDouble());
            }));
        }
        List<Figure> f = run.interleaved(sides);
        md.header("program", "pool", "round trip, median", "99th percentile");
        for (Figure x : f) {
            md.row(x.side().program(), x.side().label(), x.ok() ? micros(x.wall()) : x.failure(), x.ok() ? micros(x.cpu()) : "");
        }
        md.end();
        md.line("Each figure: the median (and 99th percentile) of " + trips + " round trips, one at a time after " + trips
                + " more to warm up, in a fresh process; the median and range of that over the rounds.");
        Figure ours = f.getFirst();
        Figure apply = f.get(1);
        if (ours.ok() && apply.ok()) {
            double r = apply.median() / ours.median();
            md.point(String.format(Locale.ROOT, "%s (target %s): **%.1fx**, %.0f us against %.0f us, %s.", AGAINST_APPLY.what(),
                    AGAINST_APPLY.bounds(), r, ours.median(), apply.median(), AGAINST_APPLY.verdict(r)));
        }
        md.end();
    }

    private static String micros(Summary s) {
        return String.format(Locale.ROOT, "%.0f us (%.0f-%.0f)", s.median(), s.min(), s.max());
    }
}
