package dev.multitasking.profiling.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.primes.Primes;
import dev.multitasking.profiling.Profiler;
import dev.multitasking.testkit.NoLeakedThreads;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProfilingLessonTest {

    /** The lesson's claim: seed's time is isPrime's trial-division loop, by self time and by line. */
    @Test
    void seed_spendsItsTimeInIsPrimesOwnLoop(@TempDir Path dir) throws Exception {
        Profiler.Profile<Long> p = Profiling_01_WhereSeedSpendsItsTime.profileSeed(dir, 1_500);
        String isPrime = Primes.class.getName() + ".isPrime";
        String loop = Primes.class.getName() + ".smallestFactorByTrialDivision";
        assertThat(p.value()).isPositive();
        assertThat(p.summary().bySelf().getFirst().method()).isEqualTo(loop);
        assertThat(p.summary().bySelf().getFirst().percent()).isGreaterThan(50);
        assertThat(p.summary().byTotal()).filteredOn(m -> m.method().equals(isPrime))
                .singleElement().satisfies(m -> assertThat(m.percent()).isGreaterThan(50));
        assertThat(p.summary().hottestLines().getFirst().method()).isEqualTo(loop);
        // line_profiler's answer, derived: the hottest line is the divisibility test, a quotient (the tests run in the module, its source one level up).
        Profiler.LineCount hot = p.summary().hottestLines().getFirst();
        java.util.List<String> source = java.nio.file.Files.readAllLines(Path.of("..", "core", "src", "main", "java",
                Primes.class.getName().replace('.', '/') + ".java"));
        assertThat(source.get(hot.line() - 1)).containsAnyOf(" / ", " % ");
    }

    /** profiling-02's claim: a naive loop's first pass measures the JIT warming up, not the code. */
    @Test
    void timeit_theEightWaysBuildZeroTo99_andANaiveFirstPassIsSlowerThanTheSecond() {
        for (var w : Profiling_02_TimeitTheEightWays.ways()) {
            java.util.Collection<?> built = w.build().get();
            if (w.java().equals("stringOfRange")) {
                assertThat(built.iterator().next().toString()).startsWith("[0, 1, 2").endsWith("98, 99]");
            } else {
                assertThat(built.size()).as(w.java()).isEqualTo(100);
                assertThat(built.contains(0) && built.contains(99)).as(w.java() + " holds 0 and 99").isTrue();
            }
        }
        // In a fresh JVM, as the lesson runs: this test JVM may have compiled these methods already (the
        // order of tests decides), and then its "first" pass is a warm one.
        String[] totals = freshJvm(NaivePasses.class).strip().split(" ");
        double firstTotal = Double.parseDouble(totals[0]);
        double secondTotal = Double.parseDouble(totals[1]);
        assertThat(secondTotal).as("all eight, the second pass against the first").isLessThan(firstTotal);
    }

    /** profiling-03's claim: method timing counts every call, exactly, as cProfile's ncalls does. */
    @Test
    void methodTiming_countsEveryCallExactly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Profiling_03_CallsAndTimePerMethod.supported(), "jdk.MethodTiming is JDK 25's");
        var timings = Profiling_03_CallsAndTimePerMethod.timeSeed(3);
        java.util.Map<String, Long> calls = new java.util.HashMap<>();
        timings.forEach(t -> calls.put(t.method(), t.calls()));
        assertThat(calls).containsEntry(Primes.class.getName() + ".isPrime", 18L)   // 6 numbers, 3 rounds
                .containsEntry(Primes.class.getName() + ".smallestFactorByTrialDivision", 18L)
                .containsEntry(dev.multitasking.core.primes.IsPrime.class.getName() + ".call", 18L);
        assertThat(timings.getFirst().total()).as("the costliest method took real time").isPositive();
    }

    /** profiling-04's claims: boxing costs bytes, exactly counted; a blocked virtual thread holds less than a platform one. */
    @Test
    void memory_boxedCollectionsAllocateMore_andAVirtualThreadHoldsLessThanAPlatformThread() throws Exception {
        var a = Profiling_04_WhereTheMemoryGoes.allocations();
        assertThat(a.intArray()).isBetween(4_000L, 4_200L);   // 1,000 ints and an array header
        assertThat(a.boxedList()).isGreaterThan(2 * a.intArray());
        assertThat(a.boxedSet()).isGreaterThan(a.boxedList());
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(Path.of("/proc/self/status")), "Linux /proc");
        // Resident memory also moves with the collector: the largest of three readings of what 200 threads add.
        long platform = 0;
        for (int i = 0; i < 3; i++) {
            platform = Math.max(platform, Profiling_04_WhereTheMemoryGoes.perBlockedThread(200, false));
        }
        long virtual = Profiling_04_WhereTheMemoryGoes.perBlockedThread(5_000, true);
        assertThat(virtual).as("bytes per blocked virtual thread against a platform one").isLessThan(platform);
    }

    /** Runs {@code main} in a JVM of its own (this one's binary and class path) and returns its stdout. */
    private static String freshJvm(Class<?> main) {
        try {
            String binary = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(binary, "-cp", System.getProperty("java.class.path"), main.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(main.getSimpleName() + " ran past 120 s");
            }
            assertThat(p.exitValue()).as(main.getSimpleName() + "'s exit code").isZero();
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
