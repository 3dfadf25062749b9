package dev.multitasking.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProfilerTest {

    /** A loop that keeps the CPU busy in a method of its own. */
    static long spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 17;
            }
        }
        return x;
    }

    @Test
    void aBusyLoop_isOnTopBySelfAndByLine_andTheFilesAreWritten(@TempDir Path dir) throws Exception {
        Profiler.Profile<Long> p = Profiler.profile("cpu", dir, "spin", () -> spin(1_500));
        assertThat(p.value()).isNotZero();
        assertThat(p.summary().samples()).isGreaterThan(200);
        assertThat(p.summary().bySelf().getFirst().method()).isEqualTo(ProfilerTest.class.getName() + ".spin");
        assertThat(p.summary().bySelf().getFirst().percent()).isGreaterThan(50);
        assertThat(p.summary().byTotal()).extracting(Profiler.MethodCount::method).contains(ProfilerTest.class.getName() + ".spin");
        assertThat(p.summary().hottestLines().getFirst().method()).isEqualTo(ProfilerTest.class.getName() + ".spin");
        assertThat(p.summary().hottestLines().getFirst().line()).isPositive();
        assertThat(Files.readString(p.flameGraph())).contains("<html", "spin");
        assertThat(Files.readString(p.collapsed())).contains("ProfilerTest.spin");
        assertThat(p.summary().format(3)).contains("self", "total", "hottest lines", "ProfilerTest.spin");
    }

    @Test
    void anEventAsyncProfilerDoesNotKnow_isOneClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Profiler.profile("no-such-event", dir, "x", () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-event");
        assertThatThrownBy(() -> Profiler.profile("cpu,file=/etc/x", dir, "x", () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad event");
    }

    @Test
    void summary_countsSelfAtTheTopAndTotalOncePerStack() {
        String collapsed = """
                main;a/B.run;a/B.loop 6
                main;a/B.run;a/B.loop;a/B.loop 2
                main;a/B.run;a/C.io 2
                """;
        Profiler.Summary s = Profiler.summarize(collapsed, List.of());
        assertThat(s.samples()).isEqualTo(10);
        assertThat(s.bySelf()).first().isEqualTo(new Profiler.MethodCount("a.B.loop", 8, 80.0));
        assertThat(s.byTotal()).contains(new Profiler.MethodCount("a.B.loop", 8, 80.0), new Profiler.MethodCount("main", 10, 100.0));
        assertThat(s.only("a.").byTotal()).extracting(Profiler.MethodCount::method).containsExactly("a.B.run", "a.B.loop", "a.C.io");
        assertThat(s.only("a.").samples()).isEqualTo(10);
    }

    @Test
    void theLibrary_isExtractedOnce_andMendedWhenItDiffersFromTheJars(@TempDir Path cache) throws Exception {
        Path first = AsyncProfilerLibrary.path(cache);
        long size = Files.size(first);
        assertThat(first).startsWith(cache);
        assertThat(first.toString()).contains("async-profiler-" + AsyncProfilerLibrary.version());
        var modified = Files.getLastModifiedTime(first);
        assertThat(AsyncProfilerLibrary.path(cache)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first)).as("reused, not written again").isEqualTo(modified);
        Files.write(first, new byte[] {1, 2, 3});
        assertThat(AsyncProfilerLibrary.path(cache)).isEqualTo(first);
        assertThat(Files.size(first)).isEqualTo(size);
        try (var files = Files.list(first.getParent())) {
            assertThat(files).containsExactly(first);   // no partial copy left behind
        }
    }

    @Test
    void aPlatformWithoutALibrary_getsOneLineSayingWhichOnesHaveOne() {
        assertThat(AsyncProfilerLibrary.platform("Linux", "amd64")).isEqualTo("linux-x64");
        assertThat(AsyncProfilerLibrary.platform("Linux", "aarch64")).isEqualTo("linux-arm64");
        assertThatThrownBy(() -> AsyncProfilerLibrary.platform("Windows 11", "amd64"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("async-profiler has no library for Windows 11 on amd64; it runs on Linux x64, Linux arm64 and macOS");
    }
}
