package dev.multitasking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multitasking.app.report.Report;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The built jar, run as a process the way a user runs it: its output, its files, its exit codes. */
@Timeout(300)
class PrimesJarIT {

    @Test
    void compare_smallSweep_printsVerifiedRows_andWritesJsonCsvAndHtml(@TempDir Path dir) throws Exception {
        PrimesJar.Run r = PrimesJar.run("compare", "-w", "count:100000:16", "-s", "sequential,fixed,processes", "-n", "1,2",
                "--warmup", "0", "--max-warmup", "0", "--repeat", "2", "--no-python", "--out", dir.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).as("no progress bar when stderr is not a terminal").isEmpty();
        assertThat(r.out()).containsPattern("(?m)^sequential +1 .* 1\\.00x +1\\.00 +yes: pi\\(100000\\) = 9592")
                .containsPattern("(?m)^fixed +2 .*x +\\d\\.\\d\\d +yes: pi\\(100000\\) = 9592")
                .containsPattern("(?m)^processes +2 .*yes: pi\\(100000\\) = 9592")
                .contains("report: " + dir.resolve("report.html"));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("schema").asText()).isEqualTo(Report.SCHEMA);
        assertThat(json.get("interrupted").asBoolean()).isFalse();
        assertThat(json.at("/machine/cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        JsonNode rows = json.at("/workloads/0/rows");
        assertThat(rows).hasSize(5);
        for (JsonNode row : rows) {
            assertThat(row.get("verified").asBoolean()).as(row.toString()).isTrue();
            assertThat(row.at("/wallMs/min").asDouble()).isPositive().isLessThanOrEqualTo(row.at("/wallMs/max").asDouble());
            assertThat(row.get("runsWallMs")).as("at least --repeat, more for a short workload").hasSizeGreaterThanOrEqualTo(2);
            assertThat(row.get("spans")).as("one span per task").hasSize(16);
            double speedup = row.get("speedup").asDouble();
            assertThat(row.get("efficiency").asDouble()).isCloseTo(speedup / row.get("workers").asInt(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(rows.get(0).get("speedup").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/workloads/0/amdahl")).hasSize(2);   // fixed and processes swept 1,2

        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv).hasSize(6);
        assertThat(csv.get(0)).startsWith("workload,strategy,workers,wall_ms_median");
        assertThat(csv.get(1)).startsWith("count:100000:16,sequential,1,");

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("class=\"chart speedup\"", "class=\"chart wall\"", "Machine", "How to read this")
                .doesNotContain("<script", "<link")
                .doesNotContainPattern("(src|href|url)\\s*[=(]\\s*[\"']?(https?:|//)");   // self-contained: nothing fetched
        assertThat(Pattern.compile("<svg[^>]*class=\"timeline\"").matcher(html).results().count()).isEqualTo(3);
        assertThat(Pattern.compile("class=\"task\"").matcher(html).results().count()).isEqualTo(3 * 16);
        assertThat(dir.resolve("results.schema.json")).exists();
    }

    @ParameterizedTest(name = "[{index}] primes {0}")
    @ValueSource(strings = {"compare --workers 0", "compare -s nope", "compare -w nope", "compare -w count:-5",
        "check 99999999999999999999", "count 1e13", "compare -w seed --out /proc/version"})
    void badInput_oneLineNoStackTrace_exitTwo(String line) throws Exception {
        PrimesJar.Run r = PrimesJar.run(line.split(" "));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badStrategy_namesTheKnownOnes() throws Exception {
        PrimesJar.Run r = PrimesJar.run("compare", "-s", "nope");
        assertThat(r.err()).contains("nope", "sequential", "fixed", "processes");
    }

    @Test
    void python_withoutPython3OnThePath_isANote_notAnError(@TempDir Path dir) throws Exception {
        PrimesJar.Run r = PrimesJar.run(Map.of("PATH", dir.toString()), "compare", "-w", "seed", "-s", "sequential",
                "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("no python3");
        assertThat(r.out()).containsPattern("(?m)^sequential +1 ").doesNotContain("python-");
    }

    @Test
    void python_withPython3_isInTheDefaultRun_withItsOwnBaseline_andJavaOverPythonApart(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || onPath("python3"),
                "no python3 here");
        PrimesJar.Run r = PrimesJar.run("compare", "-w", "count:20000:4", "-s", "sequential", "-n", "2",
                "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "--out", dir.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^python-sequential +1 .* 1\\.00x +1\\.00 +yes: pi\\(20000\\) = 2262")
                .containsPattern("(?m)^python-processes +2 .*yes: pi\\(20000\\) = 2262")
                .containsPattern("(?m)^Java over Python: sequential \\d+\\.\\dx .*; best \\d+\\.\\dx ");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode pySeq = json.at("/workloads/0/rows/1");
        assertThat(pySeq.get("strategy").asText()).isEqualTo("python-sequential");
        assertThat(pySeq.get("speedup").asDouble()).isEqualTo(1.0);
        assertThat(pySeq.get("speedupOver").asText()).isEqualTo("python-sequential");
        assertThat(pySeq.get("cpuMs").asDouble()).as("the Python program's own CPU time").isPositive();
        assertThat(json.at("/workloads/0/javaOverPython/best").asDouble()).isPositive();
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv.get(2)).startsWith("count:20000:4,python-sequential,1,").contains(",python-sequential,");

        PrimesJar.Run without = PrimesJar.run("compare", "-w", "count:20000:4", "-s", "sequential", "--warmup", "0", "--max-warmup", "0", "--repeat", "1",
                "--no-python", "--out", dir.toString());
        assertThat(without.out()).doesNotContain("python-", "Java over Python");
    }

    private static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void check_count_demo_answerAsTheLectureSays() throws Exception {
        PrimesJar.Run check = PrimesJar.run("check", "112272535095293", "1099726899285419", "561", "41041");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).containsPattern("112272535095293 +is prime")
                .containsPattern("1099726899285419 +is not prime: smallest factor 3306091")
                .containsPattern("561 +is not prime.* 3\\b")
                .containsPattern("41041 +is not prime.* 7\\b");

        PrimesJar.Run count = PrimesJar.run("count", "10000000");
        assertThat(count.exit()).isZero();
        assertThat(count.out()).contains("664579");

        PrimesJar.Run demo = PrimesJar.run("demo", "ramen-01");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).isNotBlank();
    }

    @Test
    void ctrlC_midRun_printsWhatFinished_writesTheReport_andLeavesNoProcess(@TempDir Path dir) throws Exception {
        // The first workload finishes; the second cannot finish in this test's lifetime on any machine
        // (pi(10^9) by trial division on 2 workers: minutes of CPU per run), and SIGINT comes while its
        // worker JVMs run, however fast they are.
        Process p = new ProcessBuilder(PrimesJar.command("compare", "-w", "count:200000:16", "-w", "count:1000000000:64",
                "-s", "processes", "-n", "2", "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "--no-python",
                "--out", dir.toString()))
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("read failed: " + e);
            }
        });
        List<ProcessHandle> children = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> lines.stream().anyMatch(l -> l.startsWith("workload count:1000000000")));
            await().atMost(Duration.ofSeconds(60)).until(() -> p.descendants().count() >= 2);   // the two worker JVMs
            children.addAll(p.descendants().toList());

            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after Ctrl-C").isTrue();
            reader.join(10_000);
            assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(130);
            assertThat(lines).anyMatch(l -> l.matches("processes +2 .*yes: pi\\(200000\\) = 17984.*"));
            assertThat(lines).anyMatch(l -> l.startsWith("interrupted: 1 row(s) finished"));
            JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
            assertThat(json.get("interrupted").asBoolean()).isTrue();
            assertThat(json.at("/workloads/0/rows")).hasSize(1);
            await().atMost(Duration.ofSeconds(15)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
