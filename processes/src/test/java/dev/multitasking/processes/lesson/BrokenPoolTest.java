package dev.multitasking.processes.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitasking.testkit.NoLeakedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(120)
@ExtendWith(NoLeakedThreads.class)
class BrokenPoolTest {

    @AfterEach
    void noChildLeft() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void here_theDeadWorkersTaskAloneFails_andThePoolTakesMoreWork() throws Exception {
        var java = ProcessPool_04_WhatBreaksInPython.java();
        assertThat(java.outcomes()).containsExactly("1", "4", "9", "WorkerCrashedException (exit code 9)", "25", "36", "49", "64");
        assertThat(java.after()).isEqualTo("works");
    }

    /**
     * Python's standard pool, run: more futures fail than the one task whose worker died (at
     * least the task running beside it and every one still queued), and it refuses more work.
     */
    @Test
    void python_oneDeadWorkerBreaksThePool() throws Exception {
        var python = ProcessPool_04_WhatBreaksInPython.python();
        Assumptions.assumeTrue(python.isPresent(), "no python3 on the path");
        assertThat(python.get().outcomes().get(3)).isEqualTo("BrokenProcessPool");
        assertThat(python.get().failed()).as("futures failed: " + python.get().outcomes()).isGreaterThan(1);
        assertThat(python.get().outcomes().subList(5, 8)).as("the last tasks queued").containsOnly("BrokenProcessPool");
        assertThat(python.get().after()).isEqualTo("BrokenProcessPool");
    }
}
