package dev.multitasking.threads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.core.Batch;
import dev.multitasking.core.Span;
import dev.multitasking.core.Task;
import dev.multitasking.core.Workers;
import dev.multitasking.testkit.StrategyContract;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JdkFixedStrategyTest extends StrategyContract {

    @Override
    protected String strategyName() {
        return "jdk-fixed";
    }

    @Test
    void invokeAll_runsOnExactlyTheNamedPoolThreads() throws Exception {
        List<Task<Integer>> tasks = IntStream.range(0, 64).<Task<Integer>>mapToObj(Square::new).toList();
        Batch<Integer> batch;
        try (Workers w = new JdkFixedStrategy().start(3)) {
            batch = w.invokeAll(tasks);
        }
        assertThat(batch.spans()).extracting(Span::worker)
                .allMatch(name -> name.matches("jdk-fixed-worker-[123]"));
    }
}
