package dev.multitasking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it) loads {@code report.html} from disk, with no network, and renders the charts. The
 * screenshot stays in {@code target/report-screenshot.png}.
 */
@Timeout(300)
class ReportRenderIT {

    static final Path SCREENSHOT = Path.of("target", "report-screenshot.png").toAbsolutePath();

    @Test
    void reportHtml_inHeadlessChromium_rendersChartsAndTimelines(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium here (.ci/run installs Debian's chromium)");
        PrimesJar.Run r = PrimesJar.run("compare", "-w", "count:200000:16", "-w", "io:16:20ms", "-s", "sequential,fixed,virtual",
                "-n", "1,2", "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "--out", dir.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String url = dir.resolve("report.html").toUri().toString();

        String dom = browse(chromium.get(), dir, "--dump-dom", url);
        assertThat(Pattern.compile("<svg").matcher(dom).results().count()).as("2 charts and 3 timelines per workload").isEqualTo(10);
        assertThat(dom).contains("count:200000:16", "io:16:20ms");

        Files.deleteIfExists(SCREENSHOT);
        browse(chromium.get(), dir, "--screenshot=" + SCREENSHOT, "--window-size=1100,2600", "--hide-scrollbars", url);
        BufferedImage png = ImageIO.read(SCREENSHOT.toFile());
        assertThat(png).as("a screenshot").isNotNull();
        // Charts and timelines are colour: a blank or text-only page has a few greys, a rendered one hundreds of colours.
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = 0; y < png.getHeight(); y += 2) {
            for (int x = 0; x < png.getWidth(); x += 2) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                inked += rgb == 0xffffff ? 0 : 1;
            }
        }
        assertThat(colours.size()).as("colours on the page").isGreaterThan(100);
        assertThat(inked).as("pixels that are not white").isGreaterThan((long) png.getWidth() * png.getHeight() / 4 / 20);
    }

    /** Runs headless Chromium once and returns its stdout; a fresh profile in {@code dir}, no sandbox (CI runs as root). */
    private static String browse(Path chromium, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        File out = dir.resolve("chromium.out").toFile();
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(dir.resolve("chromium.err").toFile()).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return Files.readString(out.toPath(), StandardCharsets.UTF_8);
    }

    static Optional<Path> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path p = Path.of(d.isEmpty() ? "." : d, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
