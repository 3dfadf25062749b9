package dev.multitasking.app.anchors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Trivial tasks streamed through two worker processes, in chunks, results as they come: the project's stream against Python's maps. */
final class StreamSection implements Section {

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        Sizes sizes = run.sizes();
        md.section(String.format(Locale.ROOT, "Process pools: %,d trivial tasks streamed through two worker processes, in chunks of %d",
                sizes.streamTasks(), sizes.streamChunk()));
        List<Side> sides = new ArrayList<>();
        sides.add(new Side("Java", "`Futures.mapUnordered` on `ProcessPoolExecutor` (this project)",
                () -> FigureJvm.measure("seed", "processes", 2, "stream:" + sizes.streamTasks() + ":" + sizes.streamChunk(), "")));
        for (String[] pool : new String[][] {{"futures", "`concurrent.futures.ProcessPoolExecutor.map(chunksize=...)`"},
                {"imap", "`multiprocessing.Pool.imap_unordered(chunksize=...)`"}}) {
            sides.add(new Side("Python", pool[1], () -> {
                JsonNode out = run.best().call("stream", pool[0], Integer.toString(sizes.streamTasks()), Integer.toString(sizes.streamChunk()), "1", "1");
                return new Measure(out.get("seconds").get(0).asDouble() * 1000, Double.NaN);
            }));
        }
        List<Figure> f = run.interleaved(sides);
        md.header("program", "pool", "wall", "tasks a second");
        for (Figure x : f) {
            md.row(x.side().program(), x.side().label(), x.wallCell(),
                    x.ok() ? String.format(Locale.ROOT, "%,.0f", sizes.streamTasks() / (x.median() / 1000)) : "");
        }
        md.end();
        md.line("Each figure: one run on a pool of two workers already warmed by one run, in a fresh process; every result read (and their sum checked).");
        md.line("Java's stream keeps 4 chunks per worker in flight and reads its input only as they finish; Python's `map` submits every chunk at once.");
        Figure ours = f.getFirst();
        for (Figure other : f.subList(1, f.size())) {
            if (ours.ok() && other.ok()) {
                md.point(String.format(Locale.ROOT, "Against %s: **%.2fx** the tasks a second.", other.side().label(), other.median() / ours.median()));
            }
        }
        md.end();
    }
}
