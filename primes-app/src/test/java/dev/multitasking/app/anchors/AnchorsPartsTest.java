package dev.multitasking.app.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.Strategies;
import dev.multitasking.core.Strategy;
import dev.multitasking.core.Workers;
import dev.multitasking.core.measure.Trial;
import dev.multitasking.core.workload.PreparedWorkload;
import dev.multitasking.core.workload.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class AnchorsPartsTest {

    @Test
    void target_atLeastAndAtMost_judgeEachSideOfTheirBound() {
        Target speedup = Target.atLeast("speedup", 1.8, "x");
        assertThat(speedup.met(1.8)).isTrue();
        assertThat(speedup.met(1.79)).isFalse();
        assertThat(speedup.bounds()).isEqualTo("at least 1.8x");
        assertThat(speedup.cell(1.62)).isEqualTo("1.62x **missed**");
        Target ratio = Target.atMost("ratio", 1.3, "x");
        assertThat(ratio.verdict(1.25)).isEqualTo("met");
        assertThat(ratio.verdict(1.31)).isEqualTo("**missed**");
        assertThat(Target.atLeast("rate", 150_000, " a second").bounds()).isEqualTo("at least 150,000 a second");
        assertThat(Target.number(161_234.5)).isEqualTo("161,235");
        assertThat(Target.number(57.84)).isEqualTo("57.8");
    }

    @Test
    void interleaved_runsEverySideOncePerRound_inOrder_andDropsOneThatFails() throws Exception {
        List<String> order = new ArrayList<>();
        AtomicInteger bRuns = new AtomicInteger();
        List<Side> sides = List.of(
                new Side("x", "A", () -> {
                    order.add("A");
                    return new Measure(order.size(), Double.NaN);
                }),
                new Side("x", "B", () -> {
                    order.add("B");
                    if (bRuns.incrementAndGet() == 2) {
                        throw new IllegalStateException("java.io.IOException: the second run broke, for a test");
                    }
                    return new Measure(1, 2);
                }),
                new Side("x", "C", () -> {
                    order.add("C");
                    return new Measure(3, 4);
                }));
        List<Figure> f = Interleaved.run(sides, 3);
        assertThat(order).containsExactly("A", "B", "C", "A", "B", "C", "A", "C");
        assertThat(f.get(0).ok()).isTrue();
        assertThat(f.get(0).wall().median()).as("A's runs saw 1, 4 and 7 sides run").isEqualTo(4);
        assertThat(f.get(0).cpu()).as("no CPU told").isNull();
        assertThat(f.get(1).ok()).isFalse();
        assertThat(f.get(1).failure()).isEqualTo("failed: java.io.IOException: the second run broke");
        assertThat(f.get(2).cells()).startsWith("3.0 ms").contains(" | 4.0 ms");
        assertThat(Figure.best(f, "x")).isSameAs(f.get(2));
    }

    @Test
    void markdown_writesTablesAndEchoesEveryLine() {
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        Markdown md = new Markdown(new PrintStream(echoed, true, StandardCharsets.UTF_8));
        md.header("a", "b");
        md.row(1, "two");
        md.point("found");
        assertThat(md.text()).isEqualTo("| a | b |\n|---|---|\n| 1 | two |\n- found\n");
        assertThat(echoed.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(md.text().lines().toList());
    }

    @Test
    void endedChildrenTicks_readsCutimeAndCstime_pastACommandWithSpacesAndParentheses() {
        // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17) ...
        String stat = "4242 (java (a) b) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 40 7 5 20 0 30 0 1000 1 1";
        assertThat(FreshEachRun.endedChildrenTicks(stat)).isEqualTo(12);
    }

    @Test
    void freshEachRun_startsAndClosesItsPoolForEveryRun() throws Exception {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Strategy fixed = Strategies.discover().named("fixed");
        Strategy counting = new Strategy() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public String description() {
                return "fixed, counted";
            }

            @Override
            public Workers start(int workers) throws Exception {
                started.incrementAndGet();
                Workers w = fixed.start(workers);
                return new Workers() {
                    @Override
                    public <T> dev.multitasking.core.Batch<T> invokeAll(List<? extends dev.multitasking.core.Task<T>> tasks)
                            throws InterruptedException, java.util.concurrent.ExecutionException {
                        return w.invokeAll(tasks);
                    }

                    @Override
                    public void close() {
                        w.close();
                        closed.incrementAndGet();
                    }
                };
            }
        };
        try (PreparedWorkload<?> work = Workload.parse("count:10000").prepare();
                Trial<?> trial = Trial.start("counting", 2, n -> new FreshEachRun(counting, n), work)) {
            trial.run();
            trial.run();
        }
        assertThat(started).hasValue(2);
        assertThat(closed).hasValue(2);
    }
}
