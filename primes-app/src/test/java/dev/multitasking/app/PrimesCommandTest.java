package dev.multitasking.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class PrimesCommandTest {

    record Outcome(int exit, String out, String err) {
    }

    /** Where compare's reports go in these tests, instead of ./report. */
    @TempDir
    static Path reports;

    private static Outcome primes(String... args) {
        if (args.length > 0 && args[0].equals("compare")) {
            // Reports into a temporary directory; Java rows only (the jar tests run the Python rows).
            List<String> more = new ArrayList<>(List.of(args));
            if (!more.contains("--out")) {
                more.addAll(List.of("--out", reports.toString()));
            }
            if (!more.contains("--python")) {
                more.add("--no-python");
            }
            args = more.toArray(String[]::new);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = PrimesCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void compare_seedOnTheHonestStrategies_printsAVerifiedRowForEach() {
        Outcome o = primes("compare", "-w", "seed", "-s", "sequential,jdk-fixed", "--warmup", "0", "--max-warmup", "0", "--repeat", "1");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("workload seed:")
                .containsPattern("(?m)^sequential +1 .* 1\\.00x +1\\.00 +yes: five primes")
                .containsPattern("(?m)^jdk-fixed +\\d+ .*x +\\d\\.\\d\\d +yes: five primes");
        assertThat(o.err()).isEmpty();
    }

    @Test
    void compare_aThreadPerTask_isCreditedWithTheThreadsItRan() {
        // 16 requests that each wait 50 ms: a thread per task runs all 16 at once, named or not (virtual threads are not).
        Outcome o = primes("compare", "-w", "io:16:50ms", "-s", "sequential,threads,virtual", "--warmup", "0", "--max-warmup", "0", "--repeat", "1");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("(?m)^threads +16 .*yes: 16 answers")
                .containsPattern("(?m)^virtual +16 .*yes: 16 answers");
    }

    @Test
    void compare_sequentialNamedLast_stillRunsFirst_soEverySpeedupHasItsBaseline() {
        Outcome o = primes("compare", "-w", "seed", "-s", "jdk-fixed,sequential", "--warmup", "0", "--max-warmup", "0", "--repeat", "1");
        assertThat(o.exit()).isZero();
        assertThat(o.out().indexOf("\nsequential ")).isLessThan(o.out().indexOf("\njdk-fixed "));
        assertThat(o.out()).containsPattern("(?m)^jdk-fixed .* \\d+\\.\\d\\dx +\\d\\.\\d\\d +yes");
    }

    @Test
    void compare_everyWorkloadKind_isVerified() {
        Outcome o = primes("compare", "-s", "sequential,jdk-fixed", "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "-n", "3",
                "-w", "count:20000:8", "-w", "sieve:1e6:5", "-w", "io:6:10ms");
        assertThat(o.exit()).as(o.out() + o.err()).isZero();
        assertThat(o.out().lines().filter(l -> l.contains(" yes: "))).hasSize(6);
        assertThat(o.out()).contains("pi(20000) = 2262", "pi(1000000) = 78498", "6 answers received");
        assertThat(o.out()).containsPattern("(?m)^jdk-fixed +3 ");
    }

    @Test
    void compare_aStrategyWithRightAnswersAndAnImpossibleSpeedup_isMarkedSuspect_andNeverTheWinner(@TempDir Path dir) throws Exception {
        Outcome o = primes("compare", "-w", "count:200000:16", "-s", "sequential,jdk-fixed,superlinear", "-n", "2", "--warmup", "1",
                "--repeat", "3", "--out", dir.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("(?m)^superlinear +2 .*yes: pi\\(200000\\) = 17984\\n  \\^ suspect timing: a speedup of [\\d.]+x on 2 workers, above what 2 (cores|workers) can give")
                .doesNotContainPattern("(?m)^Fastest: superlinear")
                // Whichever sound row wins (or none, if the JIT made the others suspect too), the finding says the fake was faster.
                .containsPattern("(?m)^(Fastest: (sequential|jdk-fixed) .*\\(superlinear on 2 workers was faster, but its timing is suspect: "
                        + "|No winner: every row's timing is suspect)");
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("results.json").toFile())
                .at("/workloads/0/rows");
        com.fasterxml.jackson.databind.JsonNode fake = rows.get(2);
        assertThat(fake.get("strategy").asText()).isEqualTo("superlinear");
        assertThat(fake.at("/timing/sound").asBoolean()).isFalse();
        assertThat(fake.at("/timing/detail").asText()).startsWith("a speedup of ");
        // The baseline is never blamed for the fake's figure (on a machine that was busy, or a JIT that
        // compiled over its runs, it may be suspect for reasons of its own, which are not the fake's).
        assertThat(rows.get(0).at("/timing/detail").asText()).as(o.out())
                .doesNotContain("speedup").doesNotContain("the baseline did");
        assertThat(Files.readString(dir.resolve("results.csv"))).containsPattern("(?m)^count:200000:16,superlinear,2,.*,\"suspect: a speedup of ");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("class=\"text wrong suspect\">suspect: a speedup of ");
    }

    @Test
    void compare_outWithLinksPlantedUnderTheReportsNames_replacesTheLinks_neverWritesThroughThem(@TempDir Path dir) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "not the report's to change");
        Path out = Files.createDirectory(dir.resolve("out"));
        for (String name : List.of("results.json", "results.csv", "report.html", "results.schema.json")) {
            Files.createSymbolicLink(out.resolve(name), victim);
        }
        Outcome o = primes("compare", "-w", "seed", "-s", "sequential", "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "--out", out.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("not the report's to change");
        for (String name : List.of("results.json", "results.csv", "report.html", "results.schema.json")) {
            assertThat(Files.isRegularFile(out.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(name).isTrue();
        }
    }

    @Test
    void compare_byDefault_runsEveryStrategyFound_andAWrongResultFailsTheRun() {
        Outcome o = primes("compare", "-w", "seed", "--warmup", "0", "--max-warmup", "0", "--repeat", "1");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.out()).contains("sequential", "jdk-fixed")
                .doesNotContainPattern("(?m)^cluster ")   // it takes seconds to form: only when named
                .containsPattern("(?m)^liar .*WRONG: task 5 \\(IsPrime\\[n=1099726899285419]\\) returned true, expected false");
    }

    @ParameterizedTest(name = "[{index}] primes {0}")
    @ValueSource(strings = {
        "compare -w count:-5", "compare -w count:abc", "compare -w count:10:0", "compare -w sieve:1e13",
        "compare -w nope", "compare --workers 0", "compare --workers abc", "compare --workers 99999999999",
        "compare --workers 1,x", "compare --workers 1,,2", "compare --workers 2,5000",
        "compare -s nope", "compare -s sequential,nope", "compare --join 127.0.0.1", "compare --join 127.0.0.1:0",
        "compare --join 127.0.0.1:5701,nohost", "compare --cluster-name x", "compare --repeat 0", "compare --warmup -1", "compare --bogus",
        "compare -w seed --out /proc/version", "compare -w seed --out /proc/no-such-dir", "compare -w seed --out /tmp",
        "check", "check abc", "check -5", "check 99999999999999999999", "check 7 --method guess",
        "count", "count 0", "count x", "count 1e13", "count 1000 --workers 0",
        "anchors --repeat 0", "anchors --sieve abc", "anchors --sieve 1e20", "anchors --sieve 10",
        "demo nope", "nonsense", "",
        "count ١٢٣", "count １２３", "compare --workers ٢", "check ７",
        "demo processpool-03 0", "demo processpool-03 -1", "demo processpool-03 2000000000", "demo scale-02 0", "demo scale-01 99",
        "compare -w seed -s processes -n 4096", "compare -w seed -s cluster -n 4096",
        "count -n ١٢٣ 1000", "count -n １２ 1000", "compare --repeat ３", "compare --warmup ٢", "compare -w seed -n ,",
        "compare -w seed --out", "compare --max-warmup -1", "compare --max-warmup x", "count -n _2 1000", "count -n 2_ 1000",
    })
    void badInput_oneLineOnStderr_exitTwo(String line) {
        Outcome o = primes(line.isEmpty() ? new String[0] : line.split(" "));
        assertThat(o.exit()).as(o.err()).isEqualTo(2);
        assertThat(o.err().lines()).as(o.err()).hasSize(1);
        assertThat(o.err()).doesNotContain("Exception", "\tat ");
        if (line.matches("demo [a-z]+-\\d\\d .*")) {
            // A lesson found, its argument refused by the lesson: its title and claim came first.
            assertThat(o.out()).matches("[a-z]+-\\d\\d: [^\\n]+\\n[^\\n]+\\n\\n");
        } else {
            assertThat(o.out()).isEmpty();
        }
    }

    @Test
    void compare_anEmptyOut_isRefused_notTheWorkingDirectory() {
        Outcome o = primes("compare", "-w", "seed", "--out", "");
        assertThat(o.exit()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("--out names no directory");
    }

    @Test
    void help_summariesOfEveryCommand_areWholeSentences() {
        Outcome o = primes("--help");
        assertThat(o.exit()).isZero();
        String commands = o.out().substring(o.out().indexOf("Commands:"));
        // A summary is the first line of a command's description, wrapped by picocli: each must end its sentence.
        for (String block : commands.split("\\n(?=  \\S)")) {
            if (block.startsWith("Commands:")) {
                continue;
            }
            assertThat(block.strip()).as(block).endsWith(".");
        }
    }

    @Test
    void aValueWithANewline_isReportedOnOneLine() {
        for (String[] line : List.of(new String[] {"compare", "-w", "count:1\n2"}, new String[] {"count", "1\n0"},
                new String[] {"compare", "-s", "sequential\nprocesses"})) {
            Outcome o = primes(line);
            assertThat(o.exit()).as(o.err()).isEqualTo(2);
            assertThat(o.err().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).containsAnyOf("\\n", "\\u000a");
        }
    }

    @Test
    void workerJvmsThatWouldNotFitTheMachine_areRefusedSayingWhatFits() {
        Outcome o = primes("compare", "-w", "seed", "-s", "processes", "-n", "4096");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("the rows keep their worker JVMs", "processes 4096 x 160 MiB").contains("available, room for");
    }

    @Test
    void anchors_anOutThatCannotBeWritten_isRefusedBeforeAnyMeasurement(@TempDir Path dir) {
        Outcome o = primes("anchors", "--out", dir.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("is not a file that can be written (it is a directory)");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void demo_withoutName_listsLessonsByLectureSection() {
        Outcome o = primes("demo");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).contains("2. Multitasking: the ramen shop", "ramen-01", "one chef in sequence", "futures-02",
                "what a worker costs", "13. The prime problem", "primes-01");
        assertThat(o.out().indexOf("ramen-01")).isLessThan(o.out().indexOf("async-01"));
    }

    @Test
    void demo_withName_runsThatLessonsMain() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Outcome o;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            o = primes("demo", "futures-02");
        } finally {
            System.setOut(original);
        }
        assertThat(o.exit()).isZero();
        // Its title and its claim first, then what the lesson prints.
        assertThat(o.out()).startsWith("futures-02: as completed and wait\nas_completed hands over each result as it finishes");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("as completed: 100 ms, 200 ms, 300 ms");
    }

    @Test
    void version_namesTheJvm() {
        Outcome o = primes("--version");
        assertThat(o.exit()).isZero();
        assertThat(o.out()).startsWith("primes ").contains("JVM " + Runtime.version());
    }

    @Test
    void check_theSeedNumbers_fiveArePrime_theLastIsNot_byEitherMethod() {
        for (String method : new String[] {"trial", "miller-rabin"}) {
            Outcome o = primes("check", "--method", method, "112272535095293", "112582705942171", "112_272_535_095_293",
                    "115280095190773", "115797848077099", "1099726899285419");
            assertThat(o.exit()).as(o.err()).isZero();
            assertThat(o.out().lines()).hasSize(6);
            assertThat(o.out().lines().limit(5)).allSatisfy(l -> assertThat(l).contains(" is prime (" + method));
            assertThat(o.out().lines().skip(5)).singleElement().asString()
                    .startsWith("1099726899285419 is not prime: smallest factor 3306091 (" + method);
        }
    }

    /** Carmichael numbers fool Fermat's test; they must not fool this one. */
    @Test
    void check_carmichaelNumbers_areNotPrime_withTheirSmallestFactor() {
        Outcome o = primes("check", "561", "1105", "1729", "41041", "3215031751", "1e0", "0", "2");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("561 is not prime: smallest factor 3 ", "1105 is not prime: smallest factor 5 ",
                "1729 is not prime: smallest factor 7 ", "41041 is not prime: smallest factor 7 ",
                "3215031751 is not prime: smallest factor 151 ", "1 is not prime (primes start at 2)",
                "0 is not prime (primes start at 2)", "2 is prime");
    }

    @Test
    void count_tenMillion_is664579() {
        Outcome o = primes("count", "1e7", "--workers", "2");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).startsWith("pi(10000000) = 664579 (segmented sieve, ").contains("on 2 workers");
    }

    @Test
    void info_namesTheMachine_andEachStrategyWithItsModule() {
        Outcome o = primes("info");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("cores ", "memory ", "jdk ", "strategies")
                .containsPattern("(?m)^  sequential +core ")
                .containsPattern("(?m)^  jdk-fixed +threads ")
                .containsPattern("(?m)^  processes +processes ")
                .containsPattern("(?m)^  cluster +cluster ");
    }

    @Test
    void compare_aStrategyThatFails_isOneLine_andAStackTraceOnlyWithVerbose() {
        Outcome quiet = primes("compare", "-w", "seed", "-s", "sequential,broken", "--warmup", "0", "--max-warmup", "0", "--repeat", "1");
        assertThat(quiet.exit()).isEqualTo(1);
        assertThat(quiet.out()).containsPattern("(?m)^broken +\\d+ .*FAILED to start: java.lang.IllegalStateException: broken on purpose");
        assertThat(quiet.err()).doesNotContain("\tat ");

        Outcome verbose = primes("compare", "-w", "seed", "-s", "sequential,broken", "--warmup", "0", "--max-warmup", "0", "--repeat", "1", "--verbose");
        assertThat(verbose.exit()).isEqualTo(1);
        assertThat(verbose.err()).contains("broken on 2 worker(s) failed:".replace("2", Integer.toString(Runtime.getRuntime().availableProcessors())),
                "\tat dev.multitasking.app.BrokenStrategy.start");
    }

    @Test
    void compare_aWorkerSweep_givesARowPerCount_andFitsAmdahlsLaw() {
        Outcome o = primes("compare", "-w", "count:200000:16", "-s", "sequential,jdk-fixed", "-n", "2,1,max", "--warmup", "1", "--repeat", "1");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).containsPattern("(?m)^sequential +1 ")
                .containsPattern("(?m)^jdk-fixed +1 .*\\n(  \\^ suspect timing: .*\\n)?^jdk-fixed +2 ")
                .contains("Amdahl's law fitted to count:200000:16")
                .containsPattern("(?m)^  jdk-fixed +serial fraction \\d\\.\\d{3}: \\d+\\.\\dx on 16 workers, \\d+\\.\\dx on 64$");
        assertThat(o.out().lines().filter(l -> l.startsWith("jdk-fixed "))).hasSize(Runtime.getRuntime().availableProcessors() > 2 ? 3 : 2);
    }
}
