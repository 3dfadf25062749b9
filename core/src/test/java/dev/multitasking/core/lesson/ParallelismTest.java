package dev.multitasking.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(300)
@ExtendWith(NoLeakedThreads.class)
class ParallelismTest {

    @AfterEach
    void noChildLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void vectorsAreTheLead_theWholeQuotientLoopLosesMostOfItWithSuperWordOff() throws Exception {
        List<Parallelism_01_InsideOneCore.Kernels> all = Parallelism_01_InsideOneCore.allKernels(6);
        assertThat(all).allSatisfy(k -> assertThat(k.sameAnswers()).as(k.jvm()).isTrue());
        var vectors = all.get(0);
        var scalar = all.get(all.size() - 1);
        assertThat(scalar.jvm()).isEqualTo("-XX:-UseSuperWord");
        // Two loops timed side by side in one JVM, so a ratio the machine's speed does not move:
        // 3.3x with vectors, 1.5x without, on a 2-core EPYC. The claim is the direction, with room.
        assertThat(vectors.ratio()).as("whole-quotient loop over n %% d, vectors on").isGreaterThan(1.3);
        assertThat(vectors.ratio() / scalar.ratio()).as("the lead with vectors over the lead without (%.2fx, %.2fx)",
                vectors.ratio(), scalar.ratio()).isGreaterThan(1.3);
    }

    @Test
    void topology_listsThisProcessesCpusByCore_andAPairNeedsACoreWithTwo() throws Exception {
        var cores = Parallelism_01_InsideOneCore.cores();
        int cpus = cores.values().stream().mapToInt(List::size).sum();
        assertThat(cpus).isEqualTo(Runtime.getRuntime().availableProcessors());
        StringBuilder why = new StringBuilder();
        Optional<List<Parallelism_01_InsideOneCore.Pair>> pairs = Parallelism_01_InsideOneCore.pairs(why);
        boolean smt = cores.values().stream().anyMatch(threads -> threads.size() >= 2) && cores.size() >= 2
                && LessonJvm.taskset().isPresent();
        assertThat(pairs.isPresent()).as(why.toString()).isEqualTo(smt);
        pairs.ifPresent(p -> assertThat(p).extracting(Parallelism_01_InsideOneCore.Pair::nanos).allSatisfy(n -> assertThat(n).isPositive()));
        assertThat(Parallelism_01_InsideOneCore.expand("0-2,5")).containsExactly(0, 1, 2, 5);
    }
}
