package dev.multitasking.app.report;

import dev.multitasking.app.compare.Comparison.Options;
import dev.multitasking.app.compare.Comparison.WorkloadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The report of a comparison, written into one directory: {@code results.json} (its schema,
 * {@code results.schema.json}, beside it; {@link JsonReport}), {@code results.csv} (a line per
 * row; {@link CsvReport}), and {@code report.html} ({@link HtmlReport}), one self-contained page.
 * Each file is written beside its final name and moved into place, so that a link planted at the
 * name is replaced, not followed.
 *
 * @param machine     where it ran
 * @param options     what was asked
 * @param results     what was measured, per workload
 * @param interrupted whether Ctrl-C cut it short
 * @param created     when
 */
public record Report(Machine machine, Options options, List<WorkloadResult> results, boolean interrupted, Instant created) {

    /** The JSON's schema, and the {@code $id} of {@code results.schema.json}. */
    public static final String SCHEMA = "multitasking/results/3";

    public Report {
        results = List.copyOf(results);
    }

    public Report(Machine machine, Options options, List<WorkloadResult> results, boolean interrupted) {
        this(machine, options, results, interrupted, Instant.now());
    }

    /** Writes the three files (and the schema) into {@code dir}, which must exist. */
    public void writeTo(Path dir) throws IOException {
        write(dir, "results.json", JsonReport.of(this));
        try (InputStream schema = Report.class.getResourceAsStream("/results.schema.json")) {
            if (schema != null) {
                write(dir, "results.schema.json", new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        write(dir, "results.csv", CsvReport.of(this));
        write(dir, "report.html", HtmlReport.of(this));
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " is a directory");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
