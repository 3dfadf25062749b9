package dev.multitasking.app.anchors;

import java.util.List;
import java.util.Locale;

/** Scale-out: 3 local Hazelcast members formed and seen by a client. */
final class ClusterSection implements Section {

    static final Target FORMED = Target.atMost("Formed", 3, " s");

    @Override
    public void write(AnchorRun run) throws Exception {
        Markdown md = run.md();
        md.section("Scale-out: 3 local Hazelcast members formed and seen by a client");
        double first;
        try {
            first = FigureJvm.measure("seed", "cluster", 3, "startup", "").wall();
        } catch (IllegalStateException e) {
            md.line("Failed: " + Interleaved.shorten(e.getMessage()));
            md.end();
            return;
        }
        List<Figure> f = run.interleaved(List.of(new Side("Java", "`cluster`, 3 members, start-up",
                () -> FigureJvm.measure("seed", "cluster", 3, "startup", ""))));
        LectureSides.rows(md, f);
        md.end();
        md.line(String.format(Locale.ROOT, "The run before these (not in the figure) took %.2f s; on a new build it writes the members' class archive,", first / 1000));
        md.line("which later members start from (`ClassArchive`).");
        if (f.getFirst().ok()) {
            double seconds = f.getFirst().median() / 1000;
            md.point(String.format(Locale.ROOT, "%s (target %s): %.2f s, %s.", FORMED.what(), FORMED.bounds(), seconds, FORMED.verdict(seconds)));
        }
        md.end();
    }
}
