package dev.multitasking.core.workload;

import dev.multitasking.core.Task;
import dev.multitasking.core.primes.IsPrime;
import java.util.List;

/**
 * The lecture's prime problem: six 15-16 digit numbers, each checked by trial division. The
 * oracle is the lecture's own: the first five are prime, the last is not.
 */
public record SeedWorkload() implements Workload<Boolean> {

    /** The numbers from the Python documentation's ProcessPoolExecutor example, as the lecture uses them. */
    public static final List<Long> NUMBERS = List.of(
            112_272_535_095_293L, 112_582_705_942_171L, 112_272_535_095_293L,
            115_280_095_190_773L, 115_797_848_077_099L, 1_099_726_899_285_419L);

    private static final List<Boolean> PRIME = List.of(true, true, true, true, true, false);

    @Override
    public String spec() {
        return "seed";
    }

    @Override
    public String description() {
        return "the lecture's six numbers, each is-prime by trial division";
    }

    @Override
    public PreparedWorkload<Boolean> prepare() {
        List<Task<Boolean>> tasks = NUMBERS.stream().<Task<Boolean>>map(IsPrime::new).toList();
        return new Prepared<>(tasks, results -> {
            for (int i = 0; i < PRIME.size(); i++) {
                if (!PRIME.get(i).equals(results.get(i))) {
                    return Verdict.wrong("task " + i + " (" + tasks.get(i) + ") returned " + results.get(i) + ", expected " + PRIME.get(i));
                }
            }
            return Verdict.right("five primes, and 1099726899285419 is not");
        });
    }
}
