package dev.multitasking.app.anchors;

import dev.multitasking.app.compare.PythonProgram;
import java.io.IOException;
import java.util.List;

/**
 * What every section of one run shares: its sizes, its rounds, the programs it compares with, and
 * the Markdown it writes.
 *
 * @param repeat     rounds per comparison, the median reported
 * @param sieveLimit N for the pi(N) comparison with primesieve
 * @param python     the lecture's program, or null where there is no python3
 * @param stack      the best Python stack's program, or null where there is no python3
 */
record AnchorRun(int repeat, long sieveLimit, Sizes sizes, PythonProgram python, PythonProgram stack, Markdown md) {

    /** The sides interleaved for {@link #repeat} rounds ({@link Interleaved}). */
    List<Figure> interleaved(List<Side> sides) throws InterruptedException {
        return Interleaved.run(sides, repeat);
    }

    PythonProgram lecture() throws IOException {
        if (python == null) {
            throw new IOException("no python3");
        }
        return python;
    }

    PythonProgram best() throws IOException {
        if (stack == null) {
            throw new IOException("no python3");
        }
        return stack;
    }

    /** A ratio's finding: {@code - what (target ...): **Nx** (fast side, its time, against slow side, its time), met.} */
    void ratio(Target target, Figure slow, Figure fast) {
        String what = target.what() + " (target " + target.bounds() + ")";
        if (slow == null || fast == null || !slow.ok() || !fast.ok()) {
            md.point(what + ": not measured (" + (slow == null || !slow.ok() ? "the slower side" : "the faster side") + " did not run).");
            return;
        }
        double r = slow.median() / fast.median();
        md.point(String.format(java.util.Locale.ROOT, "%s: **%.1fx** (%s, %s against %s, %s), %s.", what, r, fast.side().label(),
                fast.wall().millisWithRange(), slow.side().label(), slow.wall().millisWithRange(), target.verdict(r)));
    }
}
