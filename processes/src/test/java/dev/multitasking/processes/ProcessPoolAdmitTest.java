package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.io.InvalidClassException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.example.tasks.Greet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A library user's own tasks and results, in a package of their own: refused unless admitted. */
@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessPoolAdmitTest {

    @Test
    void aTaskOutsideTheAdmittedPackages_isRefusedByTheWorker_naming_itsClass() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).build()) {
            assertThatThrownBy(() -> pool.submit(new Greet("ada")).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(InvalidClassException.class).hasMessageContaining("org.example.tasks.Greet is not admitted");
            // The pool goes on.
            assertThat(pool.submit(new Tasks.Square(4)).get(60, TimeUnit.SECONDS)).isEqualTo(16);
        }
    }

    @Test
    void admittedPackages_letTheUsersTaskAndResultCross_bothWays() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().workers(1).admit("org.example").build()) {
            Greet.Greeting g = pool.submit(new Greet("ada")).get(60, TimeUnit.SECONDS);
            assertThat(g.text()).isEqualTo("hello, ada");
            assertThat(g.pid()).isNotEqualTo(ProcessHandle.current().pid()).isIn(pool.workerPids());
        }
    }

    @Test
    void admit_ofSomethingThatIsNotAPackageName_isRefusedBeforeAnyWorkerStarts() {
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().admit("org.example", "org.example.*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a package name: 'org.example.*'");
        assertThatThrownBy(() -> ProcessPoolExecutor.builder().admit("")).isInstanceOf(IllegalArgumentException.class);
    }
}
