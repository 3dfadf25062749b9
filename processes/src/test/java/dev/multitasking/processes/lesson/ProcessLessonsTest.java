package dev.multitasking.processes.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class ProcessLessonsTest {

    @AfterEach
    void noChildLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void facts_describeThisProcess_andPsGrepFindsIt() {
        var f = Process_01_Facts.facts();
        assertThat(f.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(f.parentPid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid));
        assertThat(f.uid()).isNotNegative();
        assertThat(f.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(f.cwd().toString()).isEqualTo(System.getProperty("user.dir"));
        assertThat(Process_01_Facts.psGrep(f.pid())).anySatisfy(line ->
                assertThat(line).containsPattern("^\\S+ +" + f.pid() + " +").contains("java"));
    }

    @Test
    void startWaitTerminate_exitCodesSayHowEachEnded() throws Exception {
        var e = Process_02_StartWaitTerminate.run();
        assertThat(e.finished().exitCode()).isZero();
        assertThat(e.finished().killed()).isFalse();
        assertThat(e.finished().stdoutTail()).singleElement().asString().startsWith("child ").endsWith("working for 200 ms");
        assertThat(e.failed().exitCode()).isEqualTo(3);
        assertThat(e.terminated().killed()).isTrue();
        assertThat(e.terminated().exitCode()).isEqualTo(137);
        assertThat(e.terminatedAfterMillis()).isLessThan(60_000);
    }

    @Test
    void sigterm_letsTheChildRunItsShutdownHook_andExit143_sigkill_doesNot_137() throws Exception {
        var term = Process_02_StartWaitTerminate.signal(false);
        assertThat(term.exitCode()).isEqualTo(143);
        assertThat(term.hookRan()).isTrue();
        var kill = Process_02_StartWaitTerminate.signal(true);
        assertThat(kill.exitCode()).isEqualTo(137);
        assertThat(kill.hookRan()).isFalse();
    }

    @Test
    void noSharedMemory_eachWorkerCountsOne_theParentStaysZero() throws Exception {
        var s = Process_03_NoSharedMemory.run();
        assertThat(s.workers()).hasSize(3).allSatisfy(line -> assertThat(line).endsWith(": 1"));
        assertThat(s.workers().stream().map(line -> line.substring(0, line.indexOf(':'))).distinct()).hasSize(3);
        assertThat(s.parentCounter()).isZero();
    }

    @Test
    void mapWithPids_doublesInInputOrder_computedInWorkerProcesses() throws Exception {
        List<ProcessPool_01_MapWithPids.Doubled> doubled = ProcessPool_01_MapWithPids.run(List.of(1, 2, 3, 4, 5), 2);
        assertThat(doubled).extracting(ProcessPool_01_MapWithPids.Doubled::value).containsExactly(2, 4, 6, 8, 10);
        assertThat(doubled).extracting(ProcessPool_01_MapWithPids.Doubled::pid).doesNotContain(ProcessHandle.current().pid());
    }

    @Test
    void workerKilledMidTask_oneFails_theRestFinish_thePoolGoesOn() throws Exception {
        var o = ProcessPool_02_WorkerKilledMidTask.run();
        assertThat(o.crashed()).isEqualTo(1);
        assertThat(o.completed()).isEqualTo(7);
        assertThat(o.lines().get(3)).startsWith("4 failed: worker ").endsWith("exit code 9");
        assertThat(o.poolStillWorks()).isTrue();
    }

    @Test
    void whatAWorkerCosts_aProcessCostsMoreThanAThread_toStartAndPerTask() throws Exception {
        var c = ProcessPool_03_WhatAWorkerCosts.measure(300);
        // The claim's "tens to hundreds of times" to start, with a wide margin: ten times.
        assertThat(c.processStartMicros()).isGreaterThan(10 * c.threadStartMicros());
        assertThat(c.processMedianMicros()).isGreaterThan(c.threadMedianMicros());
        assertThat(c.processP99Micros()).isGreaterThanOrEqualTo(c.processMedianMicros());
    }
}
