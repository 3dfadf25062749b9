package dev.multitasking.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.StrategyContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "sequential";
    }

    /** 200 requests of 50 ms one after another would take 10 s: the same check on 20. */
    @Override
    protected String scaled(String spec) {
        return spec.startsWith("io:") ? "io:20:50ms" : spec;
    }

    @Test
    void invokeAll_runsEverythingOnTheCallingThread_inOrder() throws Exception {
        List<Task<Integer>> tasks = List.of(new Square(1), new Square(2), new Square(3));
        Batch<Integer> batch;
        try (Workers w = new SequentialStrategy().start(8)) {
            batch = w.invokeAll(tasks);
        }
        assertThat(batch.spans()).extracting(Span::worker).containsOnly(Thread.currentThread().getName());
        for (int i = 1; i < 3; i++) {
            assertThat(batch.spans().get(i).startMicros()).isGreaterThanOrEqualTo(batch.spans().get(i - 1).endMicros());
        }
    }

    @Test
    void discover_putsSequentialFirst() {
        assertThat(Strategies.discover().names()).first().isEqualTo("sequential");
    }
}
