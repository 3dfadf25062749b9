package dev.multitasking.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitasking.testkit.NoLeakedThreads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
@ExtendWith(NoLeakedThreads.class)
class ChildProcessTest {

    @AfterEach
    void noChildLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void run_passesArgumentsEnvironmentAndDirectory_andReportsExitCodeAndTails(@TempDir Path dir) throws Exception {
        ChildProcess.Result r = ChildProcess.main(ChildMains.Report.class)
                .args("3", "two words")
                .environment("MULTITASKING_TEST", "hello")
                .workingDirectory(dir)
                .tailLines(10)
                .run();
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.killed()).isFalse();
        assertThat(r.stdoutTail()).containsExactly("args=3,two words", "env=hello", "cwd=" + dir.toRealPath());
        assertThat(r.stderrTail()).hasSize(10).endsWith("err line 499");
    }

    @Test
    void watchdog_killsAChildThatRunsTooLong_andSaysSo() throws Exception {
        ChildProcess.Result r = ChildProcess.main(ChildMains.Sleeper.class).timeout(Duration.ofMillis(1500)).run();
        assertThat(r.killed()).isTrue();
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdoutTail()).containsExactly("sleeping");
    }

    @Test
    void destroy_killsTheChild_andTheResultSaysKilled() throws Exception {
        try (ChildProcess.Launched child = ChildProcess.main(ChildMains.Sleeper.class).start()) {
            assertThat(child.pid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(child.handle().parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
            child.destroy();
            ChildProcess.Result r = child.await();
            assertThat(r.killed()).isTrue();
            assertThat(r.exitCode()).isEqualTo(137);   // 128 + SIGKILL
        }
    }

    @Test
    void talk_givesTheCallerTheChildsStdinAndStdout_forAConversation() throws Exception {
        try (ChildProcess.Launched child = ChildProcess.main(ChildMains.Shout.class).talk().start()) {
            OutputStream in = child.stdin();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
            for (String word : new String[] {"ramen", "udon"}) {
                in.write((word + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertThat(out.readLine()).isEqualTo(word.toUpperCase(java.util.Locale.ROOT));
            }
            in.close();   // the child's stdin ends: it exits by itself
            ChildProcess.Result r = child.await();
            assertThat(r.exitCode()).isZero();
            assertThat(r.killed()).isFalse();
        }
    }

    @Test
    void command_usesThisJvmsJavaAndClassPath() {
        var command = ChildProcess.main(ChildMains.Sleeper.class).jvmOptions("-Xmx64m").args("x").command();
        assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command).containsSubsequence("-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ChildMains.Sleeper.class.getName(), "x");
    }

    @Test
    void program_runsAnyCommandFoundOnThePath_withTheSameTails() throws Exception {
        assertThat(ChildProcess.which("sh")).isPresent();
        assertThat(ChildProcess.which("no-such-program-here")).isEmpty();
        ChildProcess.Result r = ChildProcess.program("sh", "-c", "echo out; echo err >&2; exit 4").run();
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdoutTail()).containsExactly("out");
        assertThat(r.stderrTail()).containsExactly("err");
        assertThat(ChildProcess.program("sh").command().get(0)).isEqualTo(ChildProcess.which("sh").orElseThrow().toString());
        assertThatThrownBy(() -> ChildProcess.program("sh").jvmOptions("-Xmx1m")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void program_thatDoesNotExist_failsToStart_sayingWhat() {
        assertThatThrownBy(() -> ChildProcess.program("no-such-program-here").run())
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("no-such-program-here");
    }

    @Test
    void destroyTree_killsTheChildsDescendantsToo() throws Exception {
        try (ChildProcess.Launched child = ChildProcess.program("sh", "-c", "sleep 600 & sleep 600; wait").start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (child.handle().descendants().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            var grandchildren = child.handle().descendants().toList();
            assertThat(grandchildren).hasSize(2);
            child.destroyTree();
            assertThat(child.await().killed()).isTrue();
            for (ProcessHandle g : grandchildren) {
                g.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }
}
