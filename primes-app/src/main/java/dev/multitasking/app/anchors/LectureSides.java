package dev.multitasking.app.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multitasking.core.Strategies;
import java.util.ArrayList;
import java.util.List;

/** The sides of the lecture's own comparisons: its Python program per strategy, and the project's strategies from nothing. */
final class LectureSides {

    private LectureSides() {
    }

    /** The lecture's program on one workload, each strategy a side (2 workers for the pools). */
    static List<Side> python(AnchorRun run, String workload, String... strategies) {
        List<Side> sides = new ArrayList<>();
        for (String strategy : strategies) {
            sides.add(new Side("Python", strategy + (strategy.equals("sequential") ? "" : ", 2 workers"), () -> {
                JsonNode out = run.lecture().call(workload, strategy, 2);
                return new Measure(out.get("seconds").asDouble() * 1000, out.path("cpu_seconds").asDouble(Double.NaN) * 1000);
            }));
        }
        return sides;
    }

    /**
     * Java in a fresh JVM, each run starting its workers, running and closing them ({@code fresh:W}
     * of {@link FigureJvm}), after warm-up runs that warm the JIT (one was not enough: the
     * vectorized trial division is compiled by C2 only after a few runs, and one warm-up run left
     * the timed run at 37-48 ms against 19-20 ms warm).
     */
    static Side javaFresh(AnchorRun run, String workload, String strategy) {
        boolean takesWorkers = Strategies.discover().named(strategy).takesWorkers();
        return new Side("Java", "`" + strategy + "`" + (takesWorkers ? ", 2 workers" : ""),
                () -> FigureJvm.measure(workload, strategy, takesWorkers ? 2 : 1, "fresh:" + run.sizes().warmup(), ""));
    }

    /** The table of a comparison: {@code | program | what | wall | CPU |}. */
    static void rows(Markdown md, List<Figure> figures) {
        md.header("program", "what", "wall", "CPU");
        for (Figure f : figures) {
            md.row(f.side().program(), f.side().label(), f.cells());
        }
    }
}
