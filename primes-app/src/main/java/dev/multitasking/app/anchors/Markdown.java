package dev.multitasking.app.anchors;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The RESULTS.md being written, each line echoed as it comes (a run is long, and its reader watches). */
final class Markdown {

    private final StringBuilder text = new StringBuilder();
    private final PrintStream echo;

    Markdown(PrintStream echo) {
        this.echo = echo;
    }

    void line(String s) {
        text.append(s).append('\n');
        echo.println(s);
    }

    /** A blank line. */
    void end() {
        line("");
    }

    /** A section's heading, and the load average as it begins. */
    void section(String title) {
        line("## " + title);
        end();
        line("Load before: " + Load.average() + ".");
        end();
    }

    /** A table's heading row and its rule. */
    void header(String... columns) {
        row((Object[]) columns);
        line("|" + "---|".repeat(columns.length));
    }

    void row(Object... cells) {
        line(Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |")));
    }

    /** A finding under a table: {@code - ...}. */
    void point(String s) {
        line("- " + s);
    }

    String text() {
        return text.toString();
    }

    void writeTo(Path out) throws IOException {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, text);
    }
}
